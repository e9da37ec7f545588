package dev.weft.bench.peer;

import io.netty.util.internal.PlatformDependent;
import java.lang.management.BufferPoolMXBean;
import java.lang.management.ManagementFactory;
import java.util.Map;
import java.util.OptionalLong;

/**
 * A process's memory at one moment of the idle-connection run, as the result fields {@code
 * <name>_<when>...}: resident set size from {@code /proc/self/status} and open file descriptors
 * from {@code /proc/self/fd} (absent when unreadable), and for a JVM the heap in use after a full
 * collection and the direct memory in use. Direct memory is the JDK's {@code direct} buffer pool
 * ({@code ByteBuffer.allocateDirect}, NIO's temporary buffers) plus what netty allocated outside it
 * ({@link PlatformDependent#usedDirectMemory()}, its cleaner-less buffers); the two never overlap.
 *
 * @param residentKib VmRSS in KiB, or empty
 * @param openFiles open file descriptors, or empty
 * @param heapBytes heap in use after a full GC, or empty (not a JVM)
 * @param directBytes direct memory in use, or empty (not a JVM)
 */
public record MemoryUse(
        OptionalLong residentKib,
        OptionalLong openFiles,
        OptionalLong heapBytes,
        OptionalLong directBytes) {

    /**
     * Measures this JVM: two full collections first, so the heap figure is what is live.
     *
     * @param proc where to read the resident size and descriptors
     * @return the measurement
     */
    public static MemoryUse ofThisJvm(ProcSelf proc) {
        System.gc();
        System.gc();
        long heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
        long direct = Math.max(0, PlatformDependent.usedDirectMemory());
        for (BufferPoolMXBean pool : ManagementFactory.getPlatformMXBeans(BufferPoolMXBean.class)) {
            if (pool.getName().equals("direct")) {
                direct += pool.getMemoryUsed();
            }
        }
        return new MemoryUse(
                proc.residentKib(),
                proc.openFiles(),
                OptionalLong.of(heap),
                OptionalLong.of(direct));
    }

    /**
     * Adds the known figures as {@code rss_<when>_kib}, {@code fds_<when>}, {@code
     * heap_<when>_bytes} and {@code direct_<when>_bytes}.
     *
     * @param fields the result's fields
     * @param when {@code before} or {@code after}
     */
    public void addTo(Map<String, String> fields, String when) {
        put(fields, "rss_" + when + "_kib", residentKib);
        put(fields, "fds_" + when, openFiles);
        put(fields, "heap_" + when + "_bytes", heapBytes);
        put(fields, "direct_" + when + "_bytes", directBytes);
    }

    private static void put(Map<String, String> fields, String name, OptionalLong v) {
        if (v.isPresent()) {
            fields.put(name, Long.toString(v.getAsLong()));
        }
    }
}
