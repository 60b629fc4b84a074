package dev.sessionrecorder.demo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sessionrecorder.core.cli.RecorderCli;
import dev.sessionrecorder.core.control.ControlClient;
import dev.sessionrecorder.core.spool.Json;
import dev.sessionrecorder.devkit.EmbeddedS3;
import dev.sessionrecorder.devkit.MediaProbe;
import dev.sessionrecorder.devkit.XvncDisplay;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * Side by side, in one run on one Xvnc display at 1920x1080 and 5 fps: the AWS sample's pipeline
 * (Debian's ffmpeg CLI, x11grab, libx264 at its defaults, and the newer sample's veryfast/crf 28) and
 * this recorder (whole process: capture, encode, spool, upload to an embedded S3), per scripted workload.
 * Each process is measured by /usr/bin/time: CPU seconds (user + system) and peak RSS.
 */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = "Measures CPU, memory and output size of the anchor ffmpeg pipelines and of the recorder.")
public final class BenchMain implements Callable<Integer> {
    @Option(names = "--seconds", defaultValue = "60", description = "Recording length per run (default: ${DEFAULT-VALUE}).")
    int seconds;

    @Option(names = "--out", defaultValue = "bench/results", description = "Where results go (default: ${DEFAULT-VALUE}).")
    Path out;

    @Option(names = "--workloads", defaultValue = "idle,office,busy", split = ",", description = "Workloads (default: ${DEFAULT-VALUE}).")
    List<String> workloads;

    record Result(String workload, String pipeline, double cpuSeconds, long peakRssKb, long bytes, long frames) {
        double cpuPerMinute(int s) {
            return cpuSeconds * 60.0 / s;
        }

        double mbPerMinute(int s) {
            return bytes / 1e6 * 60.0 / s;
        }
    }

    public static void main(String[] args) {
        System.exit(new CommandLine(new BenchMain()).execute(args));
    }

    @Override
    public Integer call() throws Exception {
        out = out.toAbsolutePath();
        Files.createDirectories(out);
        List<Result> results = new ArrayList<>();
        try (XvncDisplay x = XvncDisplay.start(1920, 1080, out.resolve("xvnc.log"));
             EmbeddedS3 s3 = EmbeddedS3.start(out.resolve("s3"), "bench")) {
            x.run("xsetroot", "-solid", "#2b4b6b");
            for (String workload : workloads) {
                List<Process> load = startWorkload(x, workload);
                try {
                    Thread.sleep(2_000); // let windows appear
                    results.add(anchor(x, workload, "AWS sample: ffmpeg libx264 (medium, default GOP)", List.of()));
                    results.add(ours(x, s3, workload));
                    results.add(anchor(x, workload, "newer AWS sample: ffmpeg libx264 veryfast crf 28",
                            List.of("-preset", "veryfast", "-crf", "28")));
                } finally {
                    for (Process p : load) {
                        p.descendants().forEach(ProcessHandle::destroy);
                        p.destroy();
                    }
                }
            }
        }
        write(results);
        return 0;
    }

    private Result anchor(XvncDisplay x, String workload, String name, List<String> extra) throws Exception {
        Path file = out.resolve(workload + "-anchor-" + (extra.isEmpty() ? "default" : "veryfast") + ".mp4");
        List<String> cmd = new ArrayList<>(List.of("/usr/bin/time", "-f", "TIME %U %S %M", "ffmpeg", "-hide_banner",
                "-loglevel", "error", "-y", "-f", "x11grab", "-framerate", "5", "-i", x.display(), "-t", Integer.toString(seconds),
                "-vcodec", "libx264"));
        cmd.addAll(extra);
        cmd.addAll(List.of("-pix_fmt", "yuv420p", file.toString()));
        String timing = runTimed(cmd, x, out.resolve(workload + "-anchor.log"), null);
        MediaProbe.Info info = MediaProbe.probe(file);
        return result(workload, name, timing, Files.size(file), info.frames());
    }

    private Result ours(XvncDisplay x, EmbeddedS3 s3, String workload) throws Exception {
        Path dir = out.resolve("run-" + workload);
        Path creds = s3.writeCredentialsFile(dir.resolve("credentials"), "bench");
        ObjectNode cfg = Json.mapper().createObjectNode();
        cfg.putObject("s3").put("bucket", "bench").put("region", EmbeddedS3.REGION).put("prefix", workload)
                .put("endpoint", s3.endpoint().toString()).put("pathStyle", true).put("profile", "bench").put("profileFile", creds.toString());
        cfg.putObject("recording").put("fps", 5).put("chunkSeconds", 60);
        cfg.putObject("spool").put("dir", dir.resolve("spool").toString());
        cfg.putObject("logs").put("dir", dir.resolve("logs").toString());
        Path config = Files.writeString(dir.resolve("recorder.json"), Json.mapper().writeValueAsString(cfg));
        List<String> cmd = new ArrayList<>(List.of("/usr/bin/time", "-f", "TIME %U %S %M",
                ProcessHandle.current().info().command().orElse("java"), "-Xmx256m"));
        String cache = System.getProperty("org.bytedeco.javacpp.cachedir");
        if (cache != null) {
            cmd.add("-Dorg.bytedeco.javacpp.cachedir=" + cache);
        }
        cmd.addAll(List.of("-cp", System.getProperty("java.class.path"), RecorderCli.class.getName(), "record",
                "--config", config.toString(), "--session-id", "bench-" + workload));
        Path socket = dir.resolve("spool").resolve("recorder.sock");
        String timing = runTimed(cmd, x, out.resolve(workload + "-ours.log"), socket);
        long bytes = 0;
        long frames = 0;
        try (S3Client client = s3.client()) {
            for (S3Object o : client.listObjectsV2Paginator(b -> b.bucket("bench").prefix(workload + "/")).contents()) {
                if (o.key().contains("/chunks/")) {
                    bytes += o.size();
                } else if (o.key().endsWith("manifest.json")) {
                    JsonNode m = Json.mapper().readTree(client.getObjectAsBytes(b -> b.bucket("bench").key(o.key())).asByteArray());
                    frames = m.path("counters").path("framesEncoded").asLong() + m.path("counters").path("framesSkippedUnchanged").asLong();
                }
            }
        }
        return result(workload, "session-recorder (libopenh264 1500 kb/s, skip unchanged, upload included)", timing, bytes, frames);
    }

    /** Runs a command under /usr/bin/time; for the recorder, stops it through its socket after the run length. */
    private String runTimed(List<String> cmd, XvncDisplay x, Path log, Path socket) throws Exception {
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile());
        pb.environment().put("DISPLAY", x.display());
        Process p = pb.start();
        if (socket != null) {
            Instant capturing = null;
            while (capturing == null && p.isAlive()) {
                try {
                    if (Json.mapper().readTree(ControlClient.send(socket, "status", Duration.ofSeconds(5))).path("framesCaptured").asLong() > 0) {
                        capturing = Instant.now();
                    }
                } catch (Exception notYet) {
                    Thread.sleep(100);
                }
            }
            Thread.sleep(seconds * 1000L);
            ControlClient.send(socket, "stop", Duration.ofSeconds(60));
        }
        if (!p.waitFor(seconds + 120L, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IllegalStateException("run did not finish: " + cmd);
        }
        String text = Files.readString(log);
        int at = text.lastIndexOf("TIME ");
        if (at < 0) {
            throw new IllegalStateException("no timing in " + log);
        }
        return text.substring(at + 5).strip();
    }

    private static Result result(String workload, String pipeline, String timing, long bytes, long frames) {
        String[] t = timing.split("\\s+");
        return new Result(workload, pipeline, Double.parseDouble(t[0]) + Double.parseDouble(t[1]), Long.parseLong(t[2]), bytes, frames);
    }

    private List<Process> startWorkload(XvncDisplay x, String workload) throws Exception {
        List<String> scripts = switch (workload) {
            case "idle" -> List.of();
            // ~20 lines a second scrolling, and the window moved twice a second
            case "busy" -> List.of("xterm -geometry 150x50+100+50 -e 'while :; do date +%T.%N; ls -l /usr/bin | shuf -n 1; sleep 0.1; done'",
                    "sleep 1; while :; do xdotool search --class xterm windowmove %@ $((RANDOM % 500)) $((RANDOM % 300)); sleep 0.5; done");
            // typing at human speed into an editor-like window; a window switch every 10 s
            case "office" -> List.of("xterm -T left -geometry 100x45+0+0 -e cat", "xterm -T right -geometry 100x45+900+100 -e cat",
                    "sleep 1; while :; do for w in left right; do xdotool search --name $w windowactivate; "
                            + "timeout 10 bash -c 'while :; do xdotool type --delay 180 \"The quick brown fox jumps over the lazy dog. \"; done'; done; done");
            default -> throw new IllegalArgumentException("unknown workload " + workload + " (idle, office, busy)");
        };
        List<Process> started = new ArrayList<>();
        for (String s : scripts) {
            ProcessBuilder pb = new ProcessBuilder("bash", "-c", s).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD);
            pb.environment().put("DISPLAY", x.display());
            started.add(pb.start());
        }
        return started;
    }

    private void write(List<Result> results) throws Exception {
        StringBuilder md = new StringBuilder();
        md.append(String.format(Locale.ROOT, "| workload | pipeline | CPU s per recorded min | peak RSS MB | MB per min | frames |%n"));
        md.append("| --- | --- | ---: | ---: | ---: | ---: |\n");
        ArrayNode json = Json.mapper().createArrayNode();
        for (Result r : results) {
            md.append(String.format(Locale.ROOT, "| %s | %s | %.1f | %.0f | %.2f | %d |%n", r.workload(), r.pipeline(),
                    r.cpuPerMinute(seconds), r.peakRssKb() / 1024.0, r.mbPerMinute(seconds), r.frames()));
            json.add(Json.mapper().createObjectNode().put("workload", r.workload()).put("pipeline", r.pipeline())
                    .put("cpuSecondsPerMinute", r.cpuPerMinute(seconds)).put("peakRssKb", r.peakRssKb())
                    .put("mbPerMinute", r.mbPerMinute(seconds)).put("frames", r.frames()).put("seconds", seconds));
        }
        Files.writeString(out.resolve("results.md"), md);
        Files.writeString(out.resolve("results.json"), Json.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(json));
        System.out.print(md);
        System.out.println("Written to " + out.resolve("results.md") + " and results.json (" + new File(out.toString()).getName() + ")");
    }
}
