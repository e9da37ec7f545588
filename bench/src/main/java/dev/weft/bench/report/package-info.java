/**
 * Turning run records into what people read: statistics across rounds, the Markdown tables, the CSV
 * of every run and the PNG chart. Pure functions except the writers, which only write files under
 * the output directory they are given.
 */
package dev.weft.bench.report;
