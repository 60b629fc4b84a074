package dev.sessionrecorder.demo.bench;

import dev.sessionrecorder.core.cli.RecorderJvm;
import dev.sessionrecorder.devkit.EmbeddedS3;
import dev.sessionrecorder.devkit.XvncDisplay;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Side by side, in one run on one Xvnc display at 1920x1080 and 5 fps: the AWS sample's pipeline
 * (Debian's ffmpeg CLI, x11grab, libx264 at its defaults, and the newer sample's veryfast/crf 28), this
 * recorder as session-start launches it (whole process: capture, encode, spool, upload to an embedded S3), and the floor
 * (the recorder's capture alone), per scripted workload.
 *
 * <p>Two phases. <b>Cost</b>: each pipeline records the live workload for {@code --seconds}, one at a
 * time, measured by GNU time. <b>Quality</b>: each workload is captured once losslessly (FFV1), that
 * file is fed through every pipeline (the recorder through {@code record --replay}, in real time), and
 * each output is scored by SSIM against it: the same pictures for everyone.
 */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = "Measures CPU, memory, size and quality of the anchor ffmpeg pipelines and of the recorder.")
public final class BenchMain implements Callable<Integer> {
    static final int FPS = 5;

    @Option(names = "--seconds", defaultValue = "60", description = "Live recording per pipeline and workload (default: ${DEFAULT-VALUE}).")
    int seconds;

    @Option(names = "--quality-seconds", defaultValue = "20", description = "Length of each lossless reference (default: ${DEFAULT-VALUE}).")
    int qualitySeconds;

    @Option(names = "--floor-seconds", defaultValue = "10", description = "Capture-only floor run (default: ${DEFAULT-VALUE}).")
    int floorSeconds;

    @Option(names = "--out", defaultValue = "bench/results", description = "Where results go (default: ${DEFAULT-VALUE}).")
    Path out;

    @Option(names = "--workloads", defaultValue = "idle,office,busy", split = ",", description = "Workloads (default: ${DEFAULT-VALUE}).")
    List<String> workloads;

    public static void main(String[] args) {
        System.exit(new CommandLine(new BenchMain()).execute(args));
    }

    @Override
    public Integer call() throws Exception {
        out = out.toAbsolutePath();
        Files.createDirectories(out);
        // A recorder resumes a session it finds in its spool; a previous (perhaps aborted) bench run's
        // spool would add its chunks to this run's numbers.
        try (java.util.stream.Stream<Path> old = Files.list(out)) {
            for (Path p : old.filter(p -> p.getFileName().toString().startsWith("run-") || p.getFileName().toString().equals("s3")).toList()) {
                try (java.util.stream.Stream<Path> walk = Files.walk(p)) {
                    for (Path f : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
                        Files.delete(f);
                    }
                }
            }
        }
        List<Workload> chosen = workloads.stream().map(w -> Workload.valueOf(w.strip().toUpperCase(java.util.Locale.ROOT))).toList();
        List<BenchReport.Row> rows = new ArrayList<>();
        long began = System.nanoTime();
        try (XvncDisplay x = XvncDisplay.start(1920, 1080, out.resolve("xvnc.log"));
             EmbeddedS3 s3 = EmbeddedS3.start(out.resolve("s3"), "bench")) {
            x.run("xsetroot", "-solid", "#2b4b6b");
            Pipelines pipelines = new Pipelines(x, s3, out, FPS);
            pipelines.prepareClassDataArchive();
            List<Path> references = new ArrayList<>();
            for (Workload w : chosen) {
                try (Workload.Running load = w.start(x)) {
                    say("%s: anchor (libx264 medium), %d s", w.label(), seconds);
                    rows.add(pipelines.anchor(w, Pipelines.Anchor.MEDIUM, seconds));
                    say("%s: session-recorder, %d s", w.label(), seconds);
                    rows.add(pipelines.recorder(w, seconds));
                    say("%s: newer anchor (libx264 veryfast crf 28), %d s", w.label(), seconds);
                    rows.add(pipelines.anchor(w, Pipelines.Anchor.VERYFAST, seconds));
                    say("%s: floors (our capture alone, then with colour conversion), %d s each", w.label(), floorSeconds);
                    rows.add(pipelines.floor(w, floorSeconds, false));
                    rows.add(pipelines.floor(w, floorSeconds, true));
                    say("%s: lossless reference, %d s", w.label(), qualitySeconds);
                    references.add(pipelines.reference(w, qualitySeconds));
                }
            }
            for (int i = 0; i < chosen.size(); i++) {
                Workload w = chosen.get(i);
                say("%s: quality (each pipeline fed the lossless reference)", w.label());
                Map<String, Ssim> scores = pipelines.quality(w, references.get(i), qualitySeconds);
                rows.replaceAll(r -> r.workload().equals(w.label()) && scores.containsKey(r.key()) ? r.withSsim(scores.get(r.key())) : r);
            }
        }
        BenchReport report = new BenchReport(rows, seconds, (System.nanoTime() - began) / 1e9, RecorderJvm.archive().isPresent());
        report.write(out);
        System.out.print(report.markdown());
        say("Written to %s and %s", out.resolve("results.md"), out.resolve("results.json"));
        return 0;
    }

    static void say(String format, Object... args) {
        System.out.printf("[bench] " + format + "%n", args);
    }
}
