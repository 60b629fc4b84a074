package dev.sessionrecorder.core.encode;

import java.nio.file.Path;
import java.time.Duration;
import org.bytedeco.ffmpeg.global.avcodec;
import org.bytedeco.ffmpeg.global.avutil;
import org.bytedeco.javacv.FFmpegFrameRecorder;
import org.bytedeco.javacv.Frame;
import org.bytedeco.javacv.FrameRecorder;

/**
 * {@link ChunkEncoder} on JavaCV's {@link FFmpegFrameRecorder}: H.264, yuv420p, fragmented MP4. Screen
 * frames are converted to yuv420p by a {@link BandedYuvConverter}, which redoes only the rows that
 * changed, and handed over already converted; other formats are left to the recorder's own conversion.
 */
final class FfmpegChunkEncoder implements ChunkEncoder {
    private final FFmpegFrameRecorder recorder;
    private final int pixelFormat;
    private final int fps;
    private final BandedYuvConverter converter;
    private final Frame converted;
    private long lastSlot = -1;
    private long frames;

    private FfmpegChunkEncoder(FFmpegFrameRecorder recorder, int pixelFormat, int fps, BandedYuvConverter converter,
                               int width, int height) {
        this.recorder = recorder;
        this.pixelFormat = pixelFormat;
        this.fps = fps;
        this.converter = converter;
        this.converted = new Frame();
        converted.imageWidth = width;
        converted.imageHeight = height;
        converted.imageDepth = Frame.DEPTH_UBYTE;
        converted.imageChannels = 1;
        converted.imageStride = width; // the Y plane's row; av_image_fill_arrays derives the chroma planes
        converted.image = new java.nio.Buffer[1];
    }

    static ChunkEncoder open(Path file, EncoderSettings s, int width, int height, int pixelFormat) throws EncodeException {
        FFmpegFrameRecorder r = new FFmpegFrameRecorder(file.toFile(), width, height, 0);
        r.setFormat("mp4");
        r.setVideoCodec(avcodec.AV_CODEC_ID_H264);
        r.setVideoCodecName(s.encoder());
        r.setPixelFormat(avutil.AV_PIX_FMT_YUV420P);
        r.setFrameRate(s.fps());
        r.setGopSize(s.gopFrames());
        // Always set: FFmpegFrameRecorder's default of 400 kb/s would smear text, and would cap a
        // constant-quality (crf) encoder that should have no bitrate at all (0).
        r.setVideoBitrate(s.bitrateKbps() * 1000);
        s.codecOptions().forEach(r::setVideoOption);
        s.muxerOptions().forEach(r::setOption);
        try {
            r.start();
        } catch (FrameRecorder.Exception | RuntimeException e) {
            release(r);
            throw new EncodeException("cannot start " + s.encoder() + " into " + file + ": " + e.getMessage(), e);
        }
        BandedYuvConverter converter;
        try {
            converter = BandedYuvConverter.forFormat(width, height, pixelFormat);
        } catch (RuntimeException e) {
            release(r);
            throw new EncodeException("cannot convert the screen's pixels to yuv420p: " + e.getMessage(), e);
        }
        return new FfmpegChunkEncoder(r, pixelFormat, s.fps(), converter, width, height);
    }

    @Override
    public boolean encode(Frame frame, Duration sinceStart) throws EncodeException {
        long slot = slotFor(sinceStart.toNanos() * (double) fps / 1e9, lastSlot);
        if (slot < 0) {
            return false;
        }
        try {
            // The frame slot follows wall-clock time, so a stall in capture shows as a held frame
            // in playback instead of compressing time.
            recorder.setFrameNumber((int) slot);
            if (converter != null && frame.imageWidth == converted.imageWidth && frame.imageHeight == converted.imageHeight) {
                converted.image[0] = converter.convert((java.nio.ByteBuffer) frame.image[0], frame.imageStride);
                recorder.record(converted, avutil.AV_PIX_FMT_YUV420P);
            } else {
                recorder.record(frame, pixelFormat);
            }
        } catch (FrameRecorder.Exception | RuntimeException e) {
            throw new EncodeException("encoding frame " + frames + " failed: " + e.getMessage(), e);
        }
        lastSlot = slot;
        frames++;
        return true;
    }

    /**
     * The frame slot (time in frame periods) for a frame at {@code periods} after the chunk start, or -1
     * to drop it. The nearest slot, unless the previous frame already took it: that happens when one
     * frame was captured late (the capture thread was busy) and the next on time, both rounding to the
     * same slot (frame times jitter both ways around the period). Then the frame goes one slot later,
     * provided that shows it at most one and a half periods after it was taken, so a hiccup costs no
     * frame and the timeline never drifts by more than that.
     */
    static long slotFor(double periods, long lastSlot) {
        long slot = Math.round(periods);
        if (slot > lastSlot) {
            return slot;
        }
        return lastSlot + 1 - periods <= MAX_DELAY_PERIODS ? lastSlot + 1 : -1;
    }

    static final double MAX_DELAY_PERIODS = 1.5;

    @Override
    public long frames() {
        return frames;
    }

    @Override
    public void finish() throws EncodeException {
        try {
            recorder.stop();
        } catch (FrameRecorder.Exception | RuntimeException e) {
            throw new EncodeException("finishing chunk failed: " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        release(recorder);
        if (converter != null) {
            converter.close();
        }
    }

    private static void release(FFmpegFrameRecorder r) {
        try {
            r.release();
        } catch (FrameRecorder.Exception | RuntimeException ignored) {
            // release after a failed start or stop; the file is left as written
        }
    }
}
