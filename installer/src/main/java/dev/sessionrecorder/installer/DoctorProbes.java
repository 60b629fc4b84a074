package dev.sessionrecorder.installer;

import dev.sessionrecorder.core.capture.CaptureSource;
import dev.sessionrecorder.core.capture.CaptureSpec;
import dev.sessionrecorder.core.config.RecorderConfig;
import dev.sessionrecorder.core.display.DisplayTopology;
import dev.sessionrecorder.core.display.Displays;
import dev.sessionrecorder.core.encode.ChunkEncoder;
import dev.sessionrecorder.core.encode.EncoderSettings;
import dev.sessionrecorder.core.encode.Encoders;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.bytedeco.ffmpeg.global.avdevice;
import org.bytedeco.ffmpeg.global.avformat;
import org.bytedeco.javacv.FFmpegFrameGrabber;
import org.bytedeco.javacv.Frame;

/** The doctor's checks of the recorder's native side: FFmpeg loads with what the config needs, and a short real capture plays back. */
final class DoctorProbes {
    static final Duration SELF_TEST = Duration.ofSeconds(3);

    private DoctorProbes() {}

    static Doctor.Check natives(RecorderConfig cfg) {
        try {
            String encoder = Encoders.resolve(cfg.video().encoder());
            if (!Encoders.available(encoder)) {
                return Doctor.Check.fail("natives", "FFmpeg loads but has no " + encoder,
                        "set video.encoder to \"auto\" or \"libopenh264\", or install the GPL build (-Pgpl) for libx264");
            }
            String device = windows() ? "gdigrab" : "x11grab";
            avdevice.avdevice_register_all();
            if (avformat.av_find_input_format(device) == null) {
                return Doctor.Check.fail("natives", "FFmpeg loads but has no " + device + " capture device",
                        "reinstall from the distribution built for this platform");
            }
            return Doctor.Check.pass("natives", "FFmpeg " + org.bytedeco.ffmpeg.global.avutil.av_version_info().getString() + " with "
                    + encoder + " and " + device);
        } catch (UnsatisfiedLinkError | NoClassDefFoundError e) {
            return Doctor.Check.fail("natives", "FFmpeg's native libraries do not load: " + e.getMessage(),
                    "install the Visual C++ runtime / libpulse0 if missing, and reinstall from the distribution for this platform");
        }
    }

    /** Captures for {@link #SELF_TEST} through the recorder's own capture and encoder, then decodes the file back. */
    static Doctor.Check capture(RecorderConfig cfg, Path scratchDir) {
        int fps = cfg.recording().fps();
        Path file = null;
        try (DisplayTopology topology = Displays.topology()) {
            CaptureSpec spec = CaptureSpec.forThisPlatform(fps).apply(topology.current());
            EncoderSettings settings = EncoderSettings.from(cfg.video(), fps, Encoders.resolve(cfg.video().encoder()));
            file = Files.createTempFile(scratchDir, "doctor-", ".mp4");
            long written = 0;
            int width;
            int height;
            try (CaptureSource source = CaptureSource.ffmpeg().open(spec);
                 ChunkEncoder encoder = ChunkEncoder.ffmpeg().open(file, settings, source.width(), source.height(), source.pixelFormat())) {
                width = source.width();
                height = source.height();
                long start = System.nanoTime();
                while (System.nanoTime() - start < SELF_TEST.toNanos()) {
                    Frame f = source.grab();
                    if (f != null && encoder.encode(f, Duration.ofNanos(System.nanoTime() - start))) {
                        written++;
                    }
                }
                encoder.finish();
            }
            long decoded = decode(file);
            if (written == 0 || decoded == 0) {
                return Doctor.Check.fail("capture", spec.format() + " " + spec.input() + ": " + written + " frames encoded, " + decoded
                        + " decoded back", "check that a desktop session is running and not locked; see the recorder log");
            }
            return Doctor.Check.pass("capture", SELF_TEST.toSeconds() + " s of " + spec.format() + " " + spec.input() + " at " + width + "x"
                    + height + " with " + settings.encoder() + ": " + written + " frames encoded, " + decoded + " decoded back");
        } catch (Exception e) {
            return Doctor.Check.fail("capture", "no picture: " + e.getMessage(),
                    windows() ? "run doctor in an interactive desktop session (not over a service or a locked screen)"
                            : "run doctor on a desktop session (export DISPLAY=:N)");
        } finally {
            if (file != null) {
                file.toFile().delete();
            }
        }
    }

    private static long decode(Path file) throws Exception {
        long frames = 0;
        try (FFmpegFrameGrabber g = new FFmpegFrameGrabber(file.toFile())) {
            g.start();
            while (g.grabImage() != null) {
                frames++;
            }
        }
        return frames;
    }

    private static boolean windows() {
        return System.getProperty("os.name", "").toLowerCase(java.util.Locale.ROOT).startsWith("windows");
    }
}
