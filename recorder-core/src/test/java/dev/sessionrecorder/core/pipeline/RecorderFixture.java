package dev.sessionrecorder.core.pipeline;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sessionrecorder.core.cli.RecorderJvm;
import dev.sessionrecorder.core.control.ControlClient;
import dev.sessionrecorder.core.spool.Json;
import dev.sessionrecorder.devkit.EmbeddedS3;
import dev.sessionrecorder.devkit.JavaProcess;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/** Runs the real recorder as a child process against a display and an S3 endpoint, and talks to it. */
public final class RecorderFixture {
    public final Path dir;
    public final Path config;
    final Path socket;
    int drainSeconds = 30;

    public RecorderFixture(Path dir, URI endpoint, EmbeddedS3 s3, String bucket, int chunkSeconds) throws Exception {
        this(dir, endpoint, s3, bucket, chunkSeconds, cfg -> { });
    }

    /** @param tweak changes to the generated recorder.json before it is written */
    RecorderFixture(Path dir, URI endpoint, EmbeddedS3 s3, String bucket, int chunkSeconds,
                    java.util.function.Consumer<ObjectNode> tweak) throws Exception {
        this.dir = dir;
        Path creds = s3.writeCredentialsFile(dir.resolve("credentials"), "test");
        ObjectNode cfg = Json.mapper().createObjectNode();
        cfg.putObject("s3").put("bucket", bucket).put("region", EmbeddedS3.REGION).put("prefix", "rec")
                .put("endpoint", endpoint.toString()).put("pathStyle", true)
                .put("profile", "test").put("profileFile", creds.toString());
        cfg.putObject("recording").put("fps", 5).put("chunkSeconds", chunkSeconds);
        cfg.putObject("spool").put("dir", dir.resolve("spool").toString());
        cfg.putObject("logs").put("dir", dir.resolve("logs").toString());
        tweak.accept(cfg);
        config = dir.resolve("recorder.json");
        Files.writeString(config, Json.mapper().writeValueAsString(cfg));
        socket = dir.resolve("spool").resolve("recorder.sock");
    }

    Process start(String display, String sessionId) throws Exception {
        return start(display, sessionId, List.of());
    }

    /** @param extraArgs more {@code record} options, e.g. {@code --user}, {@code --stack}, {@code --fleet} */
    public Process start(String display, String sessionId, List<String> extraArgs) throws Exception {
        List<String> args = new java.util.ArrayList<>(List.of("record", "--config", config.toString(), "--session-id", sessionId,
                "--drain-seconds", Integer.toString(drainSeconds)));
        args.addAll(extraArgs);
        return JavaProcess.start(RecorderJvm.command(args),
                Map.of("DISPLAY", display), dir.resolve("recorder-" + sessionId + ".log"));
    }

    JsonNode status() throws Exception {
        return Json.mapper().readTree(ControlClient.send(socket, "status", Duration.ofSeconds(5)));
    }

    /** Polls status until {@code condition} holds (the recorder runs in real time; polling is how we observe it). */
    JsonNode awaitStatus(Process p, Predicate<JsonNode> condition, Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (!p.isAlive()) {
                throw new AssertionError("recorder exited with " + p.exitValue() + "; see " + dir);
            }
            // No check for the socket file: on the TCP control channel there is none, only its endpoint file.
            try {
                JsonNode s = status();
                if (condition.test(s)) {
                    return s;
                }
            } catch (ControlClient.NotRunningException e) {
                // starting up
            }
            Thread.sleep(100);
        }
        throw new AssertionError("recorder did not reach the expected state within " + timeout + "; see " + dir);
    }

    public static void awaitExit(Process p) throws InterruptedException {
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("recorder did not exit");
        }
    }

    public String log(String sessionId) throws Exception {
        return Files.readString(dir.resolve("recorder-" + sessionId + ".log"));
    }
}
