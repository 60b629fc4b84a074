package dev.sessionrecorder.demo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sessionrecorder.core.cli.RecorderJvm;
import dev.sessionrecorder.core.control.ControlClient;
import dev.sessionrecorder.core.manifest.ChainVerifier;
import dev.sessionrecorder.core.spool.ChunkRecord;
import dev.sessionrecorder.core.spool.FileHash;
import dev.sessionrecorder.core.spool.Json;
import dev.sessionrecorder.devkit.EmbeddedS3;
import dev.sessionrecorder.devkit.JavaProcess;
import dev.sessionrecorder.devkit.MediaProbe;
import dev.sessionrecorder.devkit.XvncDisplay;
import dev.sessionrecorder.recordings.cli.RecordingsCli;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import software.amazon.awssdk.core.ResponseBytes;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * The main job end to end on one machine: a real desktop (this one's, or a fresh Xvnc with a moving
 * workload), a real S3 API server on loopback, the real {@code recorder} process started, stopped
 * through its control socket, and everything that landed read back and checked.
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = "Records the desktop for SECONDS into an embedded S3 server and prints what landed where.")
public final class DemoMain implements Callable<Integer> {
    static final String BUCKET = "demo-recordings";

    @Parameters(index = "0", arity = "0..1", defaultValue = "30", paramLabel = "SECONDS",
            description = "How long to record (default: ${DEFAULT-VALUE}).")
    int seconds;

    @Option(names = "--out", defaultValue = "demo-output", description = "Working folder (default: ${DEFAULT-VALUE}).")
    Path out;

    @Option(names = "--chunk-seconds", defaultValue = "10", description = "Chunk length (default: ${DEFAULT-VALUE}).")
    int chunkSeconds;

    public static void main(String[] args) {
        System.exit(new CommandLine(new DemoMain()).execute(args));
    }

    @Override
    public Integer call() throws Exception {
        out = out.toAbsolutePath();
        Files.createDirectories(out);
        String display = System.getenv("DISPLAY");
        XvncDisplay xvnc = null;
        try {
            if (display == null || display.isBlank()) {
                xvnc = XvncDisplay.start(1920, 1080, out.resolve("xvnc.log"));
                xvnc.startWorkload();
                display = xvnc.display();
                say("Started Xvnc %s (1920x1080) with a scrolling xterm as the workload", display);
            } else {
                say("Recording your display %s", display);
            }
            try (EmbeddedS3 s3 = EmbeddedS3.start(out.resolve("s3"), BUCKET)) {
                say("Embedded S3 (S3Proxy) at %s, bucket %s stored under %s", s3.endpoint(), BUCKET, out.resolve("s3"));
                return record(s3, display, xvnc);
            }
        } finally {
            if (xvnc != null) {
                xvnc.close();
            }
        }
    }

    private int record(EmbeddedS3 s3, String display, XvncDisplay ownDisplay) throws Exception {
        Path config = writeConfig(s3);
        Path socket = out.resolve("spool").resolve("recorder.sock");
        String sessionId = "demo-" + DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC).format(Instant.now());
        Map<String, String> env = new HashMap<>();
        env.put("DISPLAY", display);
        Path recorderLog = out.resolve("recorder-stdout.log");
        Files.deleteIfExists(recorderLog);
        say("Starting: recorder record --config %s --session-id %s   (output: %s)", config, sessionId, recorderLog);
        Process recorder = JavaProcess.start(RecorderJvm.command(
                List.of("record", "--config", config.toString(), "--session-id", sessionId, "--stack", "demo-stack")), env, recorderLog);

        Instant capturing = awaitCapturing(socket, recorder);
        if (capturing == null) {
            say("The recorder did not start capturing; its output:%n%s", Files.readString(recorderLog));
            recorder.destroyForcibly();
            return 1;
        }
        // On our own Xvnc (never on the user's display) show the layout following: a resolution change
        // at 40 % of the time, a second monitor at 70 % (off the chunk boundaries).
        boolean resized = ownDisplay == null;
        boolean split = ownDisplay == null;
        long lastReport = 0;
        while (true) {
            long elapsed = Duration.between(capturing, Instant.now()).toMillis();
            if (elapsed >= seconds * 1000L) {
                break;
            }
            if (!resized && elapsed >= seconds * 400L) {
                say("  -> changing the resolution to 1280x720 (xrandr -s 1280x720)");
                ownDisplay.run("xrandr", "-s", "1280x720");
                resized = true;
            } else if (!split && elapsed >= seconds * 700L) {
                say("  -> adding a second monitor: desktop 2560x1080 split in two (xrandr --fb, --setmonitor)");
                ownDisplay.run("bash", "-c", "xrandr --fb 2560x1080 && xrandr --setmonitor LEFT 1280/338x1080/285+0+0 none"
                        + " && xrandr --setmonitor RIGHT 1280/338x1080/285+1280+0 none");
                split = true;
            }
            if (elapsed - lastReport >= 5_000) {
                lastReport = elapsed - elapsed % 5_000;
                JsonNode st = Json.mapper().readTree(ControlClient.send(socket, "status", Duration.ofSeconds(5)));
                long open = st.path("chunk").asLong();
                say("  recording %2d/%d s at %dx%d: %s, %d closed, %d uploaded", elapsed / 1000, seconds,
                        st.path("width").asInt(), st.path("height").asInt(),
                        open == 0 ? "between chunks" : "chunk " + open + " open", st.path("chunksClosed").asInt(),
                        st.path("upload").path("uploadedChunks").asInt());
            }
            Thread.sleep(200);
        }
        say("Stopping through the control socket (recorder stop) ...");
        JsonNode stopped = Json.mapper().readTree(ControlClient.send(socket, "stop", Duration.ofSeconds(60)));
        boolean exited = recorder.waitFor(30, TimeUnit.SECONDS);
        say("Recorder exited with %s; %d chunk(s) uploaded, %d left in the spool", exited ? recorder.exitValue() : "(still running)",
                stopped.path("upload").path("uploadedChunks").asInt(), stopped.path("upload").path("pendingChunks").asInt());
        boolean landed = summarize(s3, sessionId, seconds);
        boolean fetched = fetchAsAnAuditor(config, sessionId);
        boolean ok = landed && fetched && exited && recorder.exitValue() == 0;
        say(ok ? "RESULT: OK" : "RESULT: FAILED (see above)");
        return ok ? 0 : 1;
    }

    /** The other end of the job: the auditors' tool finds the session, proves it intact and joins it into videos. */
    private boolean fetchAsAnAuditor(Path config, String sessionId) {
        Path target = out.resolve("fetched");
        say("%nAs an auditor would: recordings fetch %s --config %s --out %s", sessionId, config, target);
        int code = RecordingsCli.run(new PrintWriter(System.out, true), new PrintWriter(System.err, true),
                "fetch", sessionId, "--config", config.toString(), "--out", target.toString());
        say(code == 0 ? "recordings fetch: exit 0 (intact, videos written)" : "recordings fetch: exit " + code + " (FAILED)");
        return code == 0;
    }

    private static Instant awaitCapturing(Path socket, Process recorder) throws InterruptedException {
        return ControlClient.awaitCapturing(recorder, socket, Duration.ofSeconds(60)) ? Instant.now() : null;
    }

    private Path writeConfig(EmbeddedS3 s3) throws Exception {
        Path creds = s3.writeCredentialsFile(out.resolve("aws-credentials"), "demo");
        ObjectNode cfg = Json.mapper().createObjectNode();
        cfg.putObject("s3").put("bucket", BUCKET).put("region", EmbeddedS3.REGION).put("prefix", "recordings")
                .put("endpoint", s3.endpoint().toString()).put("pathStyle", true)
                .put("profile", "demo").put("profileFile", creds.toString());
        cfg.putObject("recording").put("fps", 5).put("chunkSeconds", chunkSeconds);
        cfg.putObject("spool").put("dir", out.resolve("spool").toString());
        cfg.putObject("logs").put("dir", out.resolve("logs").toString());
        Path file = out.resolve("recorder.json");
        Files.writeString(file, Json.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(cfg));
        return file;
    }

    /** Prints every object of the session and checks chunks with ffprobe and against the manifest. */
    private boolean summarize(EmbeddedS3 s3, String sessionId, int recordedSeconds) throws Exception {
        try (S3Client client = s3.client()) {
            List<S3Object> objects = client.listObjectsV2Paginator(b -> b.bucket(BUCKET).prefix("recordings/")).contents()
                    .stream().filter(o -> o.key().contains("/" + sessionId + "/")).toList();
            say("%nWhat landed in s3://%s (files under %s):", BUCKET, s3.dir().resolve(BUCKET));
            Path download = out.resolve("downloaded").resolve(sessionId);
            Files.createDirectories(download);
            double total = 0;
            int chunks = 0;
            boolean allClean = true;
            Map<String, String> shaByFile = new HashMap<>();
            JsonNode manifest = null;
            for (S3Object o : objects) {
                ResponseBytes<GetObjectResponse> body = client.getObjectAsBytes(b -> b.bucket(BUCKET).key(o.key()));
                String name = o.key().substring(o.key().lastIndexOf('/') + 1);
                if (o.key().contains("/chunks/")) {
                    Path f = download.resolve(name);
                    Files.write(f, body.asByteArray());
                    shaByFile.put(name, HexFormat.of().formatHex(FileHash.sha256(f)));
                    MediaProbe.Info info = MediaProbe.probe(f);
                    chunks++;
                    total += info.duration();
                    allClean &= info.clean();
                    say("  %-72s %9d B  %s %dx%d, %3d frames, %5.1f s%s", o.key(), o.size(), info.codec(), info.width(),
                            info.height(), info.frames(), info.duration(), info.clean() ? "" : "  PROBLEM: " + info.errors().strip());
                } else {
                    say("  %-72s %9d B", o.key(), o.size());
                    if (name.equals("manifest.json")) {
                        manifest = Json.mapper().readTree(body.asByteArray());
                    }
                }
            }
            boolean chainOk = false;
            if (manifest != null) {
                List<ChunkRecord> chain = ChainVerifier.chunks(manifest);
                var problems = ChainVerifier.verify(chain, r -> Optional.ofNullable(shaByFile.get(r.file())));
                chainOk = problems.isEmpty() && chain.size() == chunks && manifest.path("final").asBoolean();
                say("%nManifest: %d chunk(s), final=%s, hash chain %s", chain.size(), manifest.path("final").asBoolean(),
                        problems.isEmpty() ? "intact (every chunk's SHA-256 matches the bytes in S3)" : "BROKEN: " + problems);
                StringBuilder layouts = new StringBuilder();
                for (JsonNode e : manifest.path("events")) {
                    if (e.path("event").asText().equals("topology")) {
                        JsonNode v = e.path("to").path("virtualScreen");
                        layouts.append(layouts.length() == 0 ? "" : " -> ").append(v.path("width").asInt()).append('x')
                                .append(v.path("height").asInt()).append(" (").append(e.path("to").path("monitors").size())
                                .append(" monitor(s))");
                    }
                }
                double gaps = 0;
                for (int i = 1; i < chain.size(); i++) {
                    gaps += Duration.between(chain.get(i - 1).end(), chain.get(i).start()).toMillis() / 1000.0;
                }
                say("Screen layouts recorded: %s; %.2f s in gaps while the capture reopened", layouts, gaps);
            } else {
                say("%nManifest: MISSING");
            }
            boolean durationOk = Math.abs(total - recordedSeconds) <= 2.0;
            int expectedChunks = Math.max(1, recordedSeconds / chunkSeconds);
            say("Session %s: %d chunk(s) (expected at least %d), %.1f s of video for %d s recorded (%s), all chunks decode: %s",
                    sessionId, chunks, expectedChunks, total, recordedSeconds, durationOk ? "within 2 s" : "OFF BY MORE THAN 2 s",
                    allClean ? "yes" : "NO");
            say("Downloaded copies: %s", download);
            return chunks >= expectedChunks && allClean && chainOk && durationOk;
        }
    }

    private static void say(String format, Object... args) {
        System.out.printf(format + "%n", args);
    }
}
