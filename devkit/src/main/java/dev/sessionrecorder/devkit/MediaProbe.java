package dev.sessionrecorder.devkit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.bytedeco.javacpp.Loader;

/**
 * Reads a video file back with the ffprobe that ships inside the FFmpeg jar: decodes every frame
 * ({@code -count_frames}) and reports what a player would see.
 */
public final class MediaProbe {
    private MediaProbe() {}

    /**
     * @param frames   frames decoded without error
     * @param duration seconds from the first frame's start to the last frame's end
     * @param errors   anything ffprobe printed on stderr (empty for a clean file)
     * @param containerDuration the duration the file's header states (what players show), in seconds
     */
    public record Info(String codec, int width, int height, long frames, double duration, String errors, double containerDuration) {
        public boolean clean() {
            return errors.isBlank() && frames > 0;
        }
    }

    public static String ffprobe() {
        return Loader.load(org.bytedeco.ffmpeg.ffprobe.class);
    }

    public static Info probe(Path file) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of(ffprobe(), "-v", "error", "-select_streams", "v:0", "-count_frames",
                "-show_entries", "stream=codec_name,width,height,nb_read_frames:packet=pts_time,duration_time:format=duration",
                "-of", "json", file.toString()));
        ProcessBuilder pb = new ProcessBuilder(cmd);
        // The bundled executable finds its sibling libraries (libva, libdrm) only through the loader path.
        String libDir = Path.of(cmd.get(0)).getParent().toString();
        pb.environment().merge("LD_LIBRARY_PATH", libDir, (old, dir) -> dir + java.io.File.pathSeparator + old);
        Process p = pb.start();
        byte[] err;
        byte[] out;
        try (var stdout = p.getInputStream(); var stderr = p.getErrorStream()) {
            var errReader = new java.util.concurrent.CompletableFuture<byte[]>();
            Thread t = new Thread(() -> {
                try {
                    errReader.complete(stderr.readAllBytes());
                } catch (IOException e) {
                    errReader.complete(new byte[0]);
                }
            });
            t.start();
            out = stdout.readAllBytes();
            err = errReader.join();
        }
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IOException("ffprobe did not finish on " + file);
        }
        JsonNode root = new ObjectMapper().readTree(out);
        JsonNode stream = root.path("streams").path(0);
        double first = Double.NaN;
        double end = 0;
        for (JsonNode pkt : root.path("packets")) {
            double pts = pkt.path("pts_time").asDouble(Double.NaN);
            if (Double.isNaN(pts)) {
                continue;
            }
            first = Double.isNaN(first) ? pts : Math.min(first, pts);
            end = Math.max(end, pts + pkt.path("duration_time").asDouble(0));
        }
        String errors = new String(err, StandardCharsets.UTF_8);
        if (p.exitValue() != 0 && errors.isBlank()) {
            errors = "ffprobe exited with " + p.exitValue();
        }
        return new Info(stream.path("codec_name").asText(""), stream.path("width").asInt(), stream.path("height").asInt(),
                stream.path("nb_read_frames").asLong(0), Double.isNaN(first) ? 0 : end - first, errors,
                root.path("format").path("duration").asDouble(0));
    }
}
