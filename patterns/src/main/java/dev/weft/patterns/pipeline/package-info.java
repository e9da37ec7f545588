/**
 * RFC 30 pipeline: PUSH and PULL roles, and receive-side conflation. Internal to this module; every
 * method runs under the socket lock.
 */
package dev.weft.patterns.pipeline;
