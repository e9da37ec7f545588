/**
 * {@code flood}: a hostile-load generator for one loopback endpoint. It opens connections as fast
 * as it can, each sending a greeting, READY and one message (intact or with a few octets changed)
 * and closing at once, and can sample the target JVM's heap after a full GC as it goes (with the
 * JDK's {@code jcmd}). See docs/PERFORMANCE.md, "Hostile peers: memory under a connection flood".
 */
package dev.weft.bench.flood;
