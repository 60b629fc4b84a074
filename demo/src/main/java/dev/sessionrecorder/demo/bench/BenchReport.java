package dev.sessionrecorder.demo.bench;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sessionrecorder.core.spool.Json;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Locale;

/** The bench's results as a Markdown table (for the README) and JSON (for tools), with where and how they were measured. */
record BenchReport(List<Row> rows, int seconds, double wallSeconds, boolean classDataArchive) {

    /**
     * One pipeline on one workload. CPU and memory are of the whole process; size is what would be
     * stored per recorded minute (NaN for the floor, which stores nothing); SSIM is NaN until scored.
     */
    record Row(String workload, String key, String pipeline, int runSeconds, double cpuPerMinute, double startupCpu, long peakRssKb,
               double mbPerMinute, long frames, long expectedFrames, double ssimY, double ssimAll) {

        static Row cost(String workload, String key, String pipeline, TimedRun t, int seconds, long bytes, long frames, long expected) {
            return new Row(workload, key, pipeline, seconds, t.cpuSeconds() * 60.0 / seconds, Double.NaN, t.peakRssKb(), bytes / 1e6 * 60.0 / seconds,
                    frames, expected, Double.NaN, Double.NaN);
        }

        static Row floor(String workload, String key, String pipeline, TimedRun t, int seconds, long frames, long expected) {
            return new Row(workload, key, pipeline, seconds, t.cpuSeconds() * 60.0 / seconds, Double.NaN, t.peakRssKb(), Double.NaN,
                    frames, expected, Double.NaN, Double.NaN);
        }

        Row withSsim(Ssim s) {
            return new Row(workload, key, pipeline, runSeconds, cpuPerMinute, startupCpu, peakRssKb, mbPerMinute, frames, expectedFrames,
                    s.y(), s.all());
        }

        /** CPU per minute once running: what an hour-long session pays per minute (start-up is paid once). */
        double steadyPerMinute() {
            return Double.isNaN(startupCpu) ? cpuPerMinute : cpuPerMinute - startupCpu * 60.0 / runSeconds;
        }

        Row withStartup(double cpuSeconds) {
            return new Row(workload, key, pipeline, runSeconds, cpuPerMinute, cpuSeconds, peakRssKb, mbPerMinute, frames, expectedFrames,
                    ssimY, ssimAll);
        }
    }

    String markdown() {
        StringBuilder md = new StringBuilder();
        md.append(String.format(Locale.ROOT, "Measured %s on %s (%d CPUs, %s), Java %s; %d s live per run, 1920x1080, %d fps; "
                        + "recorder started by session-start's command line%s. Whole run: %.0f s.%n%n",
                Instant.now().toString().substring(0, 10), cpuModel(), Runtime.getRuntime().availableProcessors(), System.getProperty("os.name"),
                System.getProperty("java.version"), seconds, BenchMain.FPS, classDataArchive ? " (with its class-data archive)" : "", wallSeconds));
        md.append("| workload | pipeline | CPU s per recorded min | of which start-up (CPU s, once) | CPU s/min once running "
                + "| peak RSS MB | MB per min | frames (of expected) | SSIM Y | SSIM all |\n");
        md.append("| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |\n");
        for (Row r : rows) {
            md.append(String.format(Locale.ROOT, "| %s | %s | %.1f | %s | %.1f | %.0f | %s | %d (%d) | %s | %s |%n", r.workload(), r.pipeline(),
                    r.cpuPerMinute(), num(r.startupCpu(), "%.1f"), r.steadyPerMinute(), r.peakRssKb() / 1024.0, num(r.mbPerMinute(), "%.2f"), r.frames(), r.expectedFrames(),
                    num(r.ssimY(), "%.4f"), num(r.ssimAll(), "%.4f")));
        }
        return md.toString();
    }

    void write(Path out) throws Exception {
        Files.writeString(out.resolve("results.md"), markdown());
        ArrayNode json = Json.mapper().createArrayNode();
        for (Row r : rows) {
            ObjectNode o = json.addObject().put("workload", r.workload()).put("key", r.key()).put("pipeline", r.pipeline())
                    .put("cpuSecondsPerMinute", r.cpuPerMinute()).put("peakRssKb", r.peakRssKb())
                    .put("frames", r.frames()).put("expectedFrames", r.expectedFrames()).put("seconds", r.runSeconds());
            putNumber(o, "startupCpuSeconds", r.startupCpu());
            o.put("steadyCpuSecondsPerMinute", r.steadyPerMinute());
            putNumber(o, "mbPerMinute", r.mbPerMinute());
            putNumber(o, "ssimY", r.ssimY());
            putNumber(o, "ssimAll", r.ssimAll());
        }
        Files.writeString(out.resolve("results.json"), Json.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(json));
    }

    private static void putNumber(ObjectNode o, String field, double v) {
        if (Double.isNaN(v)) {
            o.putNull(field);
        } else {
            o.put(field, v);
        }
    }

    private static String num(double v, String format) {
        return Double.isNaN(v) ? "–" : String.format(Locale.ROOT, format, v);
    }

    private static String cpuModel() {
        try {
            return Files.readAllLines(Path.of("/proc/cpuinfo")).stream().filter(l -> l.startsWith("model name"))
                    .map(l -> l.substring(l.indexOf(':') + 1).strip()).findFirst().orElse("unknown CPU");
        } catch (Exception e) {
            return "unknown CPU";
        }
    }
}
