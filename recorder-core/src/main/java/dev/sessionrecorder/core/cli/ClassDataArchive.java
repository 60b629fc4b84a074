package dev.sessionrecorder.core.cli;

import dev.sessionrecorder.core.control.ControlClient;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Makes the recorder's class-data archive ({@link RecorderJvm#archive()}) by running a short real
 * recording whose JVM writes the classes it loaded at exit, so every later recorder on the same
 * classpath maps those classes instead of loading and verifying them again. The benchmark makes one
 * before measuring; making it on images (the installer) is still to do, because this run uploads its
 * short recording to the configured bucket.
 */
public final class ClassDataArchive {
    private ClassDataArchive() {}

    /**
     * Records for {@code length} with {@code config} (a normal recorder.json; the chunks it makes go
     * where that config says), then stops the recorder and keeps the archive it wrote.
     *
     * @return the archive, or empty when this JVM has no archive location (no JavaCPP cache dir set)
     * @throws IOException when the recorder did not capture or did not write an archive (its output is in {@code log})
     */
    public static Optional<Path> create(Path config, Path socket, Map<String, String> env, Path log, Duration length)
            throws IOException, InterruptedException {
        Optional<Path> target = RecorderJvm.archive();
        if (target.isEmpty()) {
            return Optional.empty();
        }
        Path tmp = target.get().resolveSibling(target.get().getFileName() + ".tmp");
        Files.deleteIfExists(tmp);
        Files.createDirectories(tmp.getParent());
        List<String> args = new ArrayList<>(List.of("record", "--config", config.toString(), "--session-id",
                "class-data-" + ProcessHandle.current().pid()));
        ProcessBuilder pb = new ProcessBuilder(RecorderJvm.commandWritingArchive(tmp, args))
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        pb.environment().putAll(env);
        Process p = pb.start();
        try {
            if (!ControlClient.awaitCapturing(p, socket, Duration.ofSeconds(60))) {
                throw new IOException("the recorder did not start capturing; see " + log);
            }
            Thread.sleep(length.toMillis());
            stop(socket);
            if (!p.waitFor(2, TimeUnit.MINUTES)) {
                throw new IOException("the recorder did not exit after stop; see " + log);
            }
        } finally {
            p.destroyForcibly();
        }
        if (!Files.isRegularFile(tmp)) {
            throw new IOException("the JVM wrote no class-data archive; see " + log);
        }
        // A rename, so a recorder starting meanwhile never maps a half-written archive.
        return Optional.of(Files.move(tmp, target.get(), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE));
    }

    private static void stop(Path socket) throws IOException, InterruptedException {
        try {
            ControlClient.send(socket, "stop", Duration.ofSeconds(90));
        } catch (java.util.concurrent.TimeoutException | ControlClient.NotRunningException e) {
            throw new IOException("could not stop the recorder: " + e.getMessage(), e);
        }
    }
}
