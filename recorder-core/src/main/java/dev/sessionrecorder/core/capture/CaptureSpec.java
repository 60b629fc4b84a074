package dev.sessionrecorder.core.capture;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What FFmpeg is asked to open, as plain data: demuxer name, input and demuxer options. The same value
 * drives the in-process JavaCV grabber and, through {@link #toFfmpegArgs()}, an ffmpeg command line, so
 * a smoke test of the bundled ffmpeg.exe exercises exactly the options the recorder uses.
 */
public record CaptureSpec(String format, String input, Map<String, String> options) {

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
     * The Windows virtual desktop (all monitors) through GDI. gdigrab measures the virtual screen when it
     * opens and keeps that size, which is why a layout change must reopen it.
     */
    public static CaptureSpec gdigrab(int fps) {
        Map<String, String> o = new LinkedHashMap<>();
        o.put("framerate", Integer.toString(fps));
        o.put("draw_mouse", "1");
        return new CaptureSpec("gdigrab", "desktop", o);
    }

    /** gdigrab on Windows, x11grab of {@code $DISPLAY} elsewhere. */
    public static CaptureSpec forThisPlatform(int fps) throws CaptureException {
        if (System.getProperty("os.name", "").toLowerCase().startsWith("windows")) {
            return gdigrab(fps);
        }
        String display = System.getenv("DISPLAY");
        if (display == null || display.isBlank()) {
            throw new CaptureException("DISPLAY is not set: there is no X display to record. "
                    + "Fix: run inside a desktop session or export DISPLAY=:N");
        }
        return x11grab(display, fps);
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
