package dev.sessionrecorder.demo.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Structural similarity of a recording against the lossless reference it was made from, by FFmpeg's
 * ssim filter. Both sides are brought to a constant 5 fps first (our output is variable frame rate: a
 * skipped frame is the previous one shown longer, which is exactly how a player shows it) and to
 * yuv420p, the format every pipeline here encodes, so chroma subsampling is not counted as a loss.
 */
record Ssim(double y, double all) {
    private static final Pattern RESULT = Pattern.compile("SSIM Y:([0-9.]+).*All:([0-9.]+)");

    static Ssim of(Path recording, Path reference, int fps, Path log) throws Exception {
        String graph = "[0:v]fps=%d,format=yuv420p[a];[1:v]fps=%d,format=yuv420p[b];[a][b]ssim=shortest=1".formatted(fps, fps);
        Process p = new ProcessBuilder(List.of("ffmpeg", "-hide_banner", "-nostats", "-i", recording.toString(),
                "-i", reference.toString(), "-lavfi", graph, "-f", "null", "-"))
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        if (!p.waitFor(10, TimeUnit.MINUTES)) {
            p.destroyForcibly();
            throw new IllegalStateException("ssim did not finish; see " + log);
        }
        Matcher m = RESULT.matcher(Files.readString(log));
        if (!m.find()) {
            throw new IllegalStateException("no SSIM result in " + log);
        }
        return new Ssim(Double.parseDouble(m.group(1)), Double.parseDouble(m.group(2)));
    }
}
