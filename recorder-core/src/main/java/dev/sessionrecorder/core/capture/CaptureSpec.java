package dev.sessionrecorder.core.capture;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import dev.sessionrecorder.core.display.Rect;
import dev.sessionrecorder.core.display.Topology;

/**
 * What FFmpeg is asked to open, as plain data: demuxer name, input and demuxer options. The same value
 * drives the in-process JavaCV grabber and, through {@link #toFfmpegArgs()}, an ffmpeg command line, so
 * a smoke test of the bundled ffmpeg.exe exercises exactly the options the recorder uses.
 */
public record CaptureSpec(String format, String input, Map<String, String> options) {
    /** The {@link #format()} of {@link #replay}. */
    public static final String REPLAY = "replay";

    public CaptureSpec {
        Objects.requireNonNull(format, "format");
        Objects.requireNonNull(input, "input");
        options = Collections.unmodifiableMap(new LinkedHashMap<>(options));
    }

    /** X11 root window of {@code display} (e.g. ":1"); x11grab sizes itself to the whole root window. */
    public static CaptureSpec x11grab(String display, int fps) {
        Map<String, String> o = new LinkedHashMap<>();
        o.put("framerate", Integer.toString(fps));
        o.put("draw_mouse", "1");
        return new CaptureSpec("x11grab", display, o);
    }

    /**
     * The Windows virtual desktop through GDI, given as the rectangle the topology measured: all monitors,
     * with an origin that is negative when a monitor sits left of or above the primary. gdigrab keeps the
     * size it opened with, which is why a layout change must reopen it with the new rectangle.
     */
    public static CaptureSpec gdigrab(int fps, Rect virtualScreen) {
        Map<String, String> o = new LinkedHashMap<>();
        o.put("framerate", Integer.toString(fps));
        o.put("draw_mouse", "1");
        o.put("offset_x", Integer.toString(virtualScreen.x()));
        o.put("offset_y", Integer.toString(virtualScreen.y()));
        o.put("video_size", virtualScreen.width() + "x" + virtualScreen.height());
        return new CaptureSpec("gdigrab", "desktop", o);
    }

    /**
     * A video file replayed in real time instead of a screen (benchmarks, quality checks); after its end
     * the last picture stays, refreshed at {@code fps}. Not an FFmpeg demuxer name: the factory knows it.
     */
    public static CaptureSpec replay(java.nio.file.Path file, int fps) {
        return new CaptureSpec(REPLAY, file.toAbsolutePath().toString(), Map.of("framerate", Integer.toString(fps)));
    }

    /** How this platform turns a measured layout into a capture: gdigrab of the virtual screen, or x11grab of the display. */
    public static Function<Topology, CaptureSpec> forThisPlatform(int fps) throws CaptureException {
        if (System.getProperty("os.name", "").toLowerCase().startsWith("windows")) {
            return t -> gdigrab(fps, t.virtualScreen());
        }
        String display = x11Display();
        // x11grab without video_size grabs the whole root window, whatever its size now.
        return t -> x11grab(display, fps);
    }

    /** {@code $DISPLAY}, or a clear error when there is none. */
    public static String x11Display() throws CaptureException {
        String display = System.getenv("DISPLAY");
        if (display == null || display.isBlank()) {
            throw new CaptureException("DISPLAY is not set: there is no X display to record. "
                    + "Fix: run inside a desktop session or export DISPLAY=:N");
        }
        return display;
    }

    /** The same capture as ffmpeg CLI input arguments: {@code -f FORMAT -OPT VALUE ... -i INPUT}. */
    public List<String> toFfmpegArgs() {
        List<String> args = new ArrayList<>(List.of("-f", format));
        options.forEach((k, v) -> {
            args.add("-" + k);
            args.add(v);
        });
        args.add("-i");
        args.add(input);
        return List.copyOf(args);
    }
}
