package dev.sessionrecorder.core.capture;

import java.util.concurrent.TimeUnit;
import org.bytedeco.javacv.FFmpegFrameGrabber;
import org.bytedeco.javacv.FFmpegLogCallback;
import org.bytedeco.javacv.Frame;
import org.bytedeco.javacv.FrameGrabber;

/**
 * A video file played back as if it were the screen: each frame is handed out when its timestamp comes
 * due in real time, so the capture loop, the unchanged-frame check and the encoder see what they would
 * see live. After the last frame the "screen" keeps showing it, at the spec's frame rate, as a still
 * desktop would. This is how the benchmark feeds one lossless recording of a workload through every
 * pipeline and scores each output against the same reference.
 */
final class ReplayCaptureSource implements CaptureSource {
    private final CaptureSpec spec;
    private final FFmpegFrameGrabber grabber;
    private final long periodNanos;
    private long startNanos = -1;
    private long lastDueNanos;
    private Frame held;

    private ReplayCaptureSource(CaptureSpec spec, FFmpegFrameGrabber grabber, int fps) {
        this.spec = spec;
        this.grabber = grabber;
        this.periodNanos = TimeUnit.SECONDS.toNanos(1) / fps;
    }

    static CaptureSource open(CaptureSpec spec) throws CaptureException {
        FFmpegLogCallback.setLevel(org.bytedeco.ffmpeg.global.avutil.AV_LOG_ERROR);
        FFmpegFrameGrabber g = new FFmpegFrameGrabber(spec.input());
        // RAW, as for a live grab: the file's own pixel format goes to the encoder unconverted.
        g.setImageMode(FrameGrabber.ImageMode.RAW);
        try {
            g.start();
        } catch (FrameGrabber.Exception | RuntimeException e) {
            FfmpegCaptureSource.release(g);
            throw new CaptureException("cannot open " + spec.input() + " for replay: " + e.getMessage(), e);
        }
        if (g.getImageWidth() <= 0 || g.getImageHeight() <= 0) {
            FfmpegCaptureSource.release(g);
            throw new CaptureException(spec.input() + " has no video stream to replay");
        }
        return new ReplayCaptureSource(spec, g, Integer.parseInt(spec.options().get("framerate")));
    }

    @Override
    public Frame grab() throws CaptureException {
        try {
            if (held == null) {
                Frame f = grabber.grabImage();
                if (f != null) {
                    sleepUntil(grabber.getTimestamp() * 1_000L);
                    return f;
                }
                // End of file: from now on the screen shows the last picture. A copy, because the
                // decoder owned the buffers of the frame it returned.
                held = lastFrame();
            }
            sleepUntil(lastDueNanos + periodNanos);
            return held;
        } catch (FrameGrabber.Exception | RuntimeException e) {
            throw new CaptureException("replay of " + spec.input() + " failed: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CaptureException("replay interrupted", e);
        }
    }

    private Frame lastFrame() throws FrameGrabber.Exception, CaptureException {
        grabber.setTimestamp(Math.max(0, grabber.getLengthInTime() - 1_000_000));
        Frame last = null;
        for (Frame f = grabber.grabImage(); f != null; f = grabber.grabImage()) {
            last = f.clone();
        }
        if (last == null) {
            throw new CaptureException(spec.input() + " has no frames to replay");
        }
        return last;
    }

    /** Sleeps until {@code offsetNanos} after the first frame; the first call starts the clock. */
    private void sleepUntil(long offsetNanos) throws InterruptedException {
        long now = System.nanoTime();
        if (startNanos < 0) {
            startNanos = now - offsetNanos;
        }
        lastDueNanos = offsetNanos;
        long wait = startNanos + offsetNanos - now;
        if (wait > 0) {
            TimeUnit.NANOSECONDS.sleep(wait);
        }
    }

    @Override
    public int width() {
        return grabber.getImageWidth();
    }

    @Override
    public int height() {
        return grabber.getImageHeight();
    }

    @Override
    public int pixelFormat() {
        return grabber.getPixelFormat();
    }

    @Override
    public CaptureSpec spec() {
        return spec;
    }

    @Override
    public void close() {
        FfmpegCaptureSource.release(grabber);
    }
}
