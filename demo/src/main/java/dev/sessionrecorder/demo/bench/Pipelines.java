package dev.sessionrecorder.demo.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sessionrecorder.core.cli.ClassDataArchive;
import dev.sessionrecorder.core.cli.RecorderJvm;
import dev.sessionrecorder.core.control.ControlClient;
import dev.sessionrecorder.core.spool.Json;
import dev.sessionrecorder.devkit.EmbeddedS3;
import dev.sessionrecorder.devkit.MediaProbe;
import dev.sessionrecorder.devkit.XvncDisplay;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Object;

/** How each pipeline is run, live (cost) and from the lossless reference (quality). */
final class Pipelines {
    static final String RECORDER = "recorder";
    static final String FLOOR = "floor";
    static final String FLOOR_CONVERT = "floor-convert";

    /** The AWS samples' ffmpeg command lines (libx264, yuv420p, single MP4). */
    enum Anchor {
        MEDIUM("anchor-medium", "AWS sample: ffmpeg libx264 (medium, default GOP)", List.of()),
        VERYFAST("anchor-veryfast", "newer AWS sample: ffmpeg libx264 veryfast crf 28", List.of("-preset", "veryfast", "-crf", "28"));

        final String key;
        final String label;
        final List<String> options;

        Anchor(String key, String label, List<String> options) {
            this.key = key;
            this.label = label;
            this.options = options;
        }

        List<String> output(Path file) {
            List<String> o = new ArrayList<>(List.of("-vcodec", "libx264"));
            o.addAll(options);
            o.addAll(List.of("-pix_fmt", "yuv420p", file.toString()));
            return o;
        }
    }

    private final XvncDisplay x;
    private final EmbeddedS3 s3;
    private final Path out;
    private final int fps;

    Pipelines(XvncDisplay x, EmbeddedS3 s3, Path out, int fps) {
        this.x = x;
        this.s3 = s3;
        this.out = out;
        this.fps = fps;
    }

    /**
     * The recorder with its class-data archive, made once before measuring (start-up is reported in
     * its own column either way). Images do not get one from the installer yet.
     */
    void prepareClassDataArchive() throws Exception {
        Optional<Path> archive = RecorderJvm.archive();
        if (archive.isEmpty() || Files.isRegularFile(archive.get())) {
            return;
        }
        BenchMain.say("making the recorder's class-data archive: %s", archive.get());
        Path dir = out.resolve("run-class-data");
        ClassDataArchive.create(config(dir, "class-data", 60), dir.resolve("spool").resolve("recorder.sock"),
                Map.of("DISPLAY", x.display()), dir.resolve("recorder.log"), Duration.ofSeconds(5));
    }

    BenchReport.Row anchor(Workload w, Anchor a, int seconds) throws Exception {
        Path file = out.resolve(w.label() + "-" + a.key + ".mp4");
        List<String> cmd = new ArrayList<>(List.of("ffmpeg", "-hide_banner", "-loglevel", "error", "-y", "-f", "x11grab",
                "-framerate", Integer.toString(fps), "-i", x.display(), "-t", Integer.toString(seconds)));
        cmd.addAll(a.output(file));
        TimedRun t = TimedRun.start(cmd, env(), out.resolve(w.label() + "-" + a.key + ".log")).finish(seconds + 120L);
        return BenchReport.Row.cost(w.label(), a.key, a.label, t, seconds, Files.size(file), MediaProbe.probe(file).frames(), (long) seconds * fps);
    }

    BenchReport.Row recorder(Workload w, int seconds) throws Exception {
        String session = "live-" + w.label();
        Path dir = out.resolve("run-" + session);
        Path config = config(dir, session, 60);
        TimedRun.Started run = TimedRun.start(RecorderJvm.command(List.of("record", "--config", config.toString(), "--session-id", session)),
                env(), out.resolve(w.label() + "-recorder.log"));
        double startup = recordFor(run, dir, seconds);
        TimedRun t = run.finish(120);
        Stored stored = stored(session);
        return BenchReport.Row.cost(w.label(), RECORDER, "session-recorder " + stored.settings, t, seconds, stored.bytes, stored.frames,
                Math.round(stored.recordedSeconds * fps)).withStartup(startup);
    }

    /** The recorder's capture alone, or with the colour conversion every frame needs before any encoder. */
    BenchReport.Row floor(Workload w, int seconds, boolean convert) throws Exception {
        String key = convert ? FLOOR_CONVERT : FLOOR;
        Path log = out.resolve(w.label() + "-" + key + ".log");
        List<String> args = new ArrayList<>(List.of(Integer.toString(fps), Integer.toString(seconds)));
        if (convert) {
            args.add("convert");
        }
        TimedRun t = TimedRun.start(RecorderJvm.command(CaptureFloorMain.class.getName(), args), env(), log).finish(seconds + 120L);
        String text = Files.readString(log);
        long frames = Long.parseLong(text.substring(text.indexOf("FRAMES ") + 7).lines().findFirst().orElseThrow().strip());
        double startup = Double.parseDouble(text.substring(text.indexOf("STARTUP_CPU ") + 12).lines().findFirst().orElseThrow().strip());
        String label = convert ? "floor: capture + conversion to yuv420p of every frame" : "floor: the recorder's capture alone";
        return BenchReport.Row.floor(w.label(), key, label, t, seconds, frames, (long) seconds * fps).withStartup(startup);
    }

    /** The workload captured losslessly (FFV1, the grabber's own BGR0 pixels) for {@code seconds}. */
    Path reference(Workload w, int seconds) throws Exception {
        Path file = out.resolve(w.label() + "-reference.mkv");
        run(List.of("ffmpeg", "-hide_banner", "-loglevel", "error", "-y", "-f", "x11grab", "-framerate", Integer.toString(fps),
                "-i", x.display(), "-t", Integer.toString(seconds), "-c:v", "ffv1", file.toString()), out.resolve(w.label() + "-reference.log"));
        return file;
    }

    /**
     * Every pipeline fed {@code reference}: the recorder replays it in real time (its unchanged-frame
     * check and pacing are part of what is scored); the anchors encode the file, niced, meanwhile.
     */
    Map<String, Ssim> quality(Workload w, Path reference, int seconds) throws Exception {
        Map<String, Path> outputs = new LinkedHashMap<>();
        List<Process> anchors = new ArrayList<>();
        for (Anchor a : Anchor.values()) {
            Path file = out.resolve(w.label() + "-quality-" + a.key + ".mp4");
            List<String> cmd = new ArrayList<>(List.of("nice", "-n", "19", "ffmpeg", "-hide_banner", "-loglevel", "error", "-y",
                    "-i", reference.toString()));
            cmd.addAll(a.output(file));
            anchors.add(new ProcessBuilder(cmd).redirectErrorStream(true)
                    .redirectOutput(out.resolve(w.label() + "-quality-" + a.key + ".log").toFile()).start());
            outputs.put(a.key, file);
        }
        String session = "quality-" + w.label();
        Path dir = out.resolve("run-" + session);
        Path config = config(dir, session, 600); // one chunk for the whole replay
        TimedRun.Started run = TimedRun.start(RecorderJvm.command(List.of("record", "--config", config.toString(), "--session-id", session,
                "--replay", reference.toString())), env(), out.resolve(w.label() + "-quality-recorder.log"));
        recordFor(run, dir, seconds + 1);
        run.finish(120);
        outputs.put(RECORDER, download(session, out.resolve(w.label() + "-quality-recorder.mp4")));
        for (Process p : anchors) {
            if (!p.waitFor(10, TimeUnit.MINUTES) || p.exitValue() != 0) {
                throw new IllegalStateException("an anchor encode of " + reference + " failed; see its log in " + out);
            }
        }
        Map<String, Ssim> scores = new LinkedHashMap<>();
        for (Map.Entry<String, Path> e : outputs.entrySet()) {
            scores.put(e.getKey(), Ssim.of(e.getValue(), reference, fps, out.resolve(w.label() + "-ssim-" + e.getKey() + ".log")));
        }
        return scores;
    }

    /**
     * Waits until the recorder captures, lets it record {@code seconds}, then stops it as session-end
     * would. Returns the CPU seconds the recorder had used when its first frame arrived: its start-up,
     * paid once per session however long the session runs.
     */
    private static double recordFor(TimedRun.Started run, Path dir, int seconds) throws Exception {
        Path socket = dir.resolve("spool").resolve("recorder.sock");
        if (!ControlClient.awaitCapturing(run.process(), socket, Duration.ofSeconds(60))) {
            throw new IllegalStateException("the recorder did not start capturing; see " + run.log());
        }
        double startup = cpuSeconds(run.process());
        Thread.sleep(seconds * 1000L);
        ControlClient.send(socket, "stop", Duration.ofSeconds(90));
        return startup;
    }

    /** user + system CPU seconds so far of the JVM under /usr/bin/time, from /proc (clock ticks of 1/100 s on Linux). */
    private static double cpuSeconds(Process time) throws Exception {
        ProcessHandle java = time.children().findFirst().orElseThrow();
        String stat = Files.readString(Path.of("/proc", Long.toString(java.pid()), "stat"));
        String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return (Long.parseLong(f[11]) + Long.parseLong(f[12])) / 100.0;
    }

    /** What the recorder stored: chunk bytes, frames captured, and the time its chunks cover (it runs from first frame to stop). */
    private record Stored(long bytes, long frames, double recordedSeconds, String settings) {}

    private Stored stored(String session) throws Exception {
        long bytes = 0;
        long frames = 0;
        double recorded = 0;
        String settings = "";
        try (S3Client client = s3.client()) {
            for (S3Object o : client.listObjectsV2Paginator(b -> b.bucket("bench").prefix(session + "/")).contents()) {
                if (o.key().contains("/chunks/")) {
                    bytes += o.size();
                } else if (o.key().endsWith("manifest.json")) {
                    JsonNode m = json(client, o.key());
                    frames = m.path("counters").path("framesEncoded").asLong() + m.path("counters").path("framesSkippedUnchanged").asLong();
                    for (JsonNode c : m.path("chunks")) {
                        recorded += java.time.Duration.between(java.time.Instant.parse(c.path("start").asText()),
                                java.time.Instant.parse(c.path("end").asText())).toMillis() / 1000.0;
                    }
                } else if (o.key().endsWith("session.json")) {
                    JsonNode s = json(client, o.key()).path("settings");
                    settings = "(" + s.path("encoder").asText() + ", skip unchanged, upload included)";
                }
            }
        }
        return new Stored(bytes, frames, recorded, settings);
    }

    private Path download(String session, Path file) throws Exception {
        try (S3Client client = s3.client()) {
            List<S3Object> chunks = client.listObjectsV2Paginator(b -> b.bucket("bench").prefix(session + "/")).contents().stream()
                    .filter(o -> o.key().contains("/chunks/")).toList();
            if (chunks.size() != 1) {
                throw new IllegalStateException("expected one chunk for " + session + ", found " + chunks.size());
            }
            Files.deleteIfExists(file);
            client.getObject(b -> b.bucket("bench").key(chunks.get(0).key()), file);
        }
        return file;
    }

    private static JsonNode json(S3Client client, String key) throws Exception {
        return Json.mapper().readTree(client.getObjectAsBytes(b -> b.bucket("bench").key(key)).asByteArray());
    }

    /** A recorder.json for the embedded S3, prefix = session, with the recorder's default video settings. */
    private Path config(Path dir, String session, int chunkSeconds) throws Exception {
        Files.createDirectories(dir);
        Path creds = s3.writeCredentialsFile(dir.resolve("credentials"), "bench");
        ObjectNode cfg = Json.mapper().createObjectNode();
        cfg.putObject("s3").put("bucket", "bench").put("region", EmbeddedS3.REGION).put("prefix", session)
                .put("endpoint", s3.endpoint().toString()).put("pathStyle", true).put("profile", "bench").put("profileFile", creds.toString());
        cfg.putObject("recording").put("fps", fps).put("chunkSeconds", chunkSeconds);
        cfg.putObject("spool").put("dir", dir.resolve("spool").toString());
        cfg.putObject("logs").put("dir", dir.resolve("logs").toString());
        return Files.writeString(dir.resolve("recorder.json"), Json.mapper().writeValueAsString(cfg));
    }

    private Map<String, String> env() {
        return Map.of("DISPLAY", x.display());
    }

    private static void run(List<String> cmd, Path log) throws Exception {
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        if (!p.waitFor(10, TimeUnit.MINUTES) || p.exitValue() != 0) {
            throw new IllegalStateException(String.join(" ", cmd) + " failed; see " + log);
        }
    }
}
