package dev.sessionrecorder.core.encode;

import java.nio.file.Path;
import java.time.Duration;
import org.bytedeco.ffmpeg.global.avcodec;
import org.bytedeco.ffmpeg.global.avutil;
import org.bytedeco.javacv.FFmpegFrameRecorder;
import org.bytedeco.javacv.Frame;
import org.bytedeco.javacv.FrameRecorder;

/** {@link ChunkEncoder} on JavaCV's {@link FFmpegFrameRecorder}: H.264, yuv420p, fragmented MP4. */
final class FfmpegChunkEncoder implements ChunkEncoder {
    private final FFmpegFrameRecorder recorder;
    private final int pixelFormat;
    private final int fps;
    private long lastSlot = -1;
    private long frames;

    private FfmpegChunkEncoder(FFmpegFrameRecorder recorder, int pixelFormat, int fps) {
        this.recorder = recorder;
        this.pixelFormat = pixelFormat;
        this.fps = fps;
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
        return new FfmpegChunkEncoder(r, pixelFormat, s.fps());
    }

    @Override
    public boolean encode(Frame frame, Duration sinceStart) throws EncodeException {
        long slot = Math.round(sinceStart.toNanos() * (double) fps / 1e9);
        if (slot <= lastSlot) {
            return false;
        }
        try {
            // The frame slot follows wall-clock time, so a stall in capture shows as a held frame
            // in playback instead of compressing time.
            recorder.setFrameNumber((int) slot);
            recorder.record(frame, pixelFormat);
        } catch (FrameRecorder.Exception | RuntimeException e) {
            throw new EncodeException("encoding frame " + frames + " failed: " + e.getMessage(), e);
        }
        lastSlot = slot;
        frames++;
        return true;
    }

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
    }

    private static void release(FFmpegFrameRecorder r) {
        try {
            r.release();
        } catch (FrameRecorder.Exception | RuntimeException ignored) {
            // release after a failed start or stop; the file is left as written
        }
    }
}
