package dev.sessionrecorder.core.capture;

import org.bytedeco.javacv.Frame;

/** A started screen grabber. Frames are raw pixels in {@link #pixelFormat()}; a frame is only valid until the next grab. */
public interface CaptureSource extends AutoCloseable {

    /** The next frame, paced by the source's frame rate; {@code null} when the source lost the screen (e.g. it shrank). */
    Frame grab() throws CaptureException;

    int width();

    int height();

    /** FFmpeg {@code AVPixelFormat} of the raw frames (x11grab: bgr0), to hand to the encoder unchanged. */
    int pixelFormat();

    CaptureSpec spec();

    @Override
    void close();

    /** Opens sources; swapped in tests. */
    @FunctionalInterface
    interface Factory {
        CaptureSource open(CaptureSpec spec) throws CaptureException;
    }

    /** The real factory: FFmpeg through JavaCV, a screen device or a file replayed in real time. */
    static Factory ffmpeg() {
        return spec -> spec.format().equals(CaptureSpec.REPLAY) ? ReplayCaptureSource.open(spec) : FfmpegCaptureSource.open(spec);
    }
}
