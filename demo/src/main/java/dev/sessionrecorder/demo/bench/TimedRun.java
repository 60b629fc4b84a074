package dev.sessionrecorder.demo.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * One process measured by GNU time: CPU seconds (user + system) and peak resident memory of the whole
 * process, which is what the user's session pays for.
 */
record TimedRun(double cpuSeconds, long peakRssKb) {

    /** A started process under /usr/bin/time; {@link #finish} waits for it and reads the measurement. */
    record Started(Process process, Path log) {
        TimedRun finish(long timeoutSeconds) throws Exception {
            if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly();
                throw new IllegalStateException("run did not finish in " + timeoutSeconds + " s; see " + log);
            }
            String text = Files.readString(log);
            int at = text.lastIndexOf("TIME ");
            if (at < 0) {
                throw new IllegalStateException("no timing in " + log + " (exit " + process.exitValue() + ")");
            }
            String[] t = text.substring(at + 5).strip().split("\\s+");
            return new TimedRun(Double.parseDouble(t[0]) + Double.parseDouble(t[1]), Long.parseLong(t[2]));
        }
    }

    static Started start(List<String> command, Map<String, String> env, Path log) throws Exception {
        List<String> cmd = new ArrayList<>(List.of("/usr/bin/time", "-f", "TIME %U %S %M"));
        cmd.addAll(command);
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile());
        pb.environment().putAll(env);
        return new Started(pb.start(), log);
    }
}
