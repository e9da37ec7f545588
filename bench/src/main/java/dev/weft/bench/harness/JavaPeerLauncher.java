package dev.weft.bench.harness;

import dev.weft.bench.Main;
import dev.weft.bench.peer.PeerArgs;
import dev.weft.bench.peer.PeerRole;
import java.io.File;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Launches Java peers (Weft, JeroMQ, raw NIO) in a new JVM with this JVM's executable and class
 * path, so a peer runs exactly the code the harness was started with. Idle-connection peers also
 * get a high direct-memory cap ({@value #IDLE_DIRECT_MEMORY_FLAG}) unless the flags set one. The
 * JVM raises its own open-file limit to the hard limit.
 */
public final class JavaPeerLauncher implements PeerLauncher {
    /** JVM flags every Java peer gets unless the user gives others. */
    public static final List<String> DEFAULT_JVM_FLAGS =
            List.of("-Xms1g", "-Xmx1g", "-XX:+UseG1GC", "-Dio.netty.leakDetection.level=disabled");

    /**
     * The direct-memory cap of idle-connection peers unless the flags set one: far above what
     * 10,000 connections of any library here need, so the run measures their cost instead of
     * failing at the default cap (the heap size). Direct memory is taken only when used.
     */
    static final String IDLE_DIRECT_MEMORY_FLAG = "-XX:MaxDirectMemorySize=8g";

    private final String java;
    private final String classPath;
    private final List<String> jvmFlags;

    /**
     * Creates a launcher.
     *
     * @param java the {@code java} executable
     * @param classPath the class path, absolute entries
     * @param jvmFlags flags before the main class
     */
    public JavaPeerLauncher(String java, String classPath, List<String> jvmFlags) {
        this.java = java;
        this.classPath = classPath;
        this.jvmFlags = List.copyOf(jvmFlags);
    }

    /**
     * Creates a launcher for this JVM's executable and class path.
     *
     * @param jvmFlags flags for the peers
     * @return the launcher
     */
    public static JavaPeerLauncher forCurrentJvm(List<String> jvmFlags) {
        String java =
                ProcessHandle.current()
                        .info()
                        .command()
                        .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        return new JavaPeerLauncher(java, absoluteClassPath(), jvmFlags);
    }

    /**
     * Returns the JVM flags the peers get.
     *
     * @return the flags
     */
    public List<String> jvmFlags() {
        return jvmFlags;
    }

    @Override
    public List<String> command(PeerArgs args) {
        List<String> c = new ArrayList<>();
        c.add(java);
        c.addAll(jvmFlags);
        boolean idle = args.role() == PeerRole.IDLE_ACCEPT || args.role() == PeerRole.IDLE_CONNECT;
        if (idle && jvmFlags.stream().noneMatch(f -> f.startsWith("-XX:MaxDirectMemorySize"))) {
            c.add(IDLE_DIRECT_MEMORY_FLAG);
        }
        c.add("-cp");
        c.add(classPath);
        c.add(Main.class.getName());
        c.add("peer");
        c.addAll(args.toArgs());
        return c;
    }

    private static String absoluteClassPath() {
        String cp = System.getProperty("java.class.path");
        List<String> out = new ArrayList<>();
        for (String entry : cp.split(File.pathSeparator)) {
            if (!entry.isEmpty()) {
                out.add(Path.of(entry).toAbsolutePath().toString());
            }
        }
        return String.join(File.pathSeparator, out);
    }
}
