package dev.sessionrecorder.core.capture;

import org.bytedeco.javacv.FFmpegFrameGrabber;
import org.bytedeco.javacv.FFmpegLogCallback;
import org.bytedeco.javacv.Frame;
import org.bytedeco.javacv.FrameGrabber;

/** {@link CaptureSource} on JavaCV's {@link FFmpegFrameGrabber}, in RAW mode so no colour conversion happens before encoding. */
final class FfmpegCaptureSource implements CaptureSource {
    private final CaptureSpec spec;
    private final FFmpegFrameGrabber grabber;

    private FfmpegCaptureSource(CaptureSpec spec, FFmpegFrameGrabber grabber) {
        this.spec = spec;
        this.grabber = grabber;
    }

    static CaptureSource open(CaptureSpec spec) throws CaptureException {
        FFmpegLogCallback.setLevel(org.bytedeco.ffmpeg.global.avutil.AV_LOG_ERROR);
        FFmpegFrameGrabber g = new FFmpegFrameGrabber(spec.input());
        g.setFormat(spec.format());
        g.setOptions(spec.options());
        // RAW keeps the device's own pixel format (bgr0 on X11, bgra on GDI); converting here would
        // cost a full-frame copy per frame and, with the default BGR24 path, swap colours.
        g.setImageMode(FrameGrabber.ImageMode.RAW);
        try {
            g.start();
        } catch (FrameGrabber.Exception | RuntimeException e) {
            release(g);
            throw new CaptureException("cannot open " + spec.format() + " " + spec.input() + ": " + e.getMessage(), e);
        }
        if (g.getImageWidth() <= 0 || g.getImageHeight() <= 0) {
            release(g);
            throw new CaptureException(spec.format() + " " + spec.input() + " opened without a picture size");
        }
        return new FfmpegCaptureSource(spec, g);
    }

    @Override
    public Frame grab() throws CaptureException {
        try {
            return grabber.grabImage();
        } catch (FrameGrabber.Exception | RuntimeException e) {
            throw new CaptureException("grab from " + spec.format() + " failed: " + e.getMessage(), e);
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
        release(grabber);
    }

    static void release(FFmpegFrameGrabber g) {
        try {
            g.close();
        } catch (FrameGrabber.Exception | RuntimeException ignored) {
            // Closing a device that already failed can fail again; nothing is left to free.
        }
    }
}
