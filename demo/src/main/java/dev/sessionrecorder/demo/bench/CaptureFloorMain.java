package dev.sessionrecorder.demo.bench;

import dev.sessionrecorder.core.capture.CaptureSource;
import dev.sessionrecorder.core.capture.CaptureSpec;
import org.bytedeco.javacv.Frame;

/**
 * The benchmark's floor: the recorder's own capture path (same JVM options, same JavaCV grabber) with
 * no comparison, no encoding and no upload. What the recorder costs above this is ours to cut.
 * Usage: {@code CaptureFloorMain FPS SECONDS} on $DISPLAY; prints the frames grabbed.
 */
public final class CaptureFloorMain {
    private CaptureFloorMain() {}

    public static void main(String[] args) throws Exception {
        int fps = Integer.parseInt(args[0]);
        long frames = 0;
        try (CaptureSource s = CaptureSource.ffmpeg().open(CaptureSpec.x11grab(CaptureSpec.x11Display(), fps))) {
            // Counted from the first frame, as the recorder's frames are, so start-up does not look like drops.
            long until = Long.MAX_VALUE;
            while (System.nanoTime() < until) {
                if (until == Long.MAX_VALUE) {
                    until = System.nanoTime() + Long.parseLong(args[1]) * 1_000_000_000L;
                }
                Frame f = s.grab();
                if (f != null) {
                    frames++;
                }
            }
        }
        System.out.println("FRAMES " + frames);
    }
}
