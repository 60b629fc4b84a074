package dev.sessionrecorder.devkit;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Starts a main class in a child JVM with this JVM's classpath: the way tests and the demo run the real recorder process. */
public final class JavaProcess {
    private JavaProcess() {}

    public static Process start(String mainClass, List<String> args, Map<String, String> env, Path log) throws IOException {
        return start(List.of(), mainClass, args, env, log);
    }

    /** The same, with extra JVM options ({@code -Dname=value}) before the main class. */
    public static Process start(List<String> jvmOptions, String mainClass, List<String> args, Map<String, String> env, Path log)
            throws IOException {
        String java = ProcessHandle.current().info().command().orElse("java");
        List<String> cmd = new ArrayList<>(List.of(java, "-Xmx256m"));
        cmd.addAll(jvmOptions);
        String cache = System.getProperty("org.bytedeco.javacpp.cachedir");
        if (cache != null) {
            cmd.add("-Dorg.bytedeco.javacpp.cachedir=" + cache);
        }
        cmd.addAll(List.of("-cp", System.getProperty("java.class.path"), mainClass));
        cmd.addAll(args);
        return start(cmd, env, log);
    }

    /** Starts a prepared command line (e.g. the recorder's own, with its JVM options), output appended to {@code log}. */
    public static Process start(List<String> cmd, Map<String, String> env, Path log) throws IOException {
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        pb.environment().putAll(env);
        return pb.start();
    }
}
