/**
 * I/O threads: one selector loop each, with a task queue and timers. Everything registered with an
 * I/O thread is owned by it; other threads reach it through {@code execute}.
 */
package dev.weft.core.io;
