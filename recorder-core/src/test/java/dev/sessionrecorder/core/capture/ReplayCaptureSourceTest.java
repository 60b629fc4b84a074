package dev.sessionrecorder.core.capture;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.nio.file.Path;
import org.bytedeco.ffmpeg.global.avcodec;
import org.bytedeco.ffmpeg.global.avutil;
import org.bytedeco.javacv.FFmpegFrameRecorder;
import org.bytedeco.javacv.Frame;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A lossless file replayed as a screen: every frame, in order, in real time, then the last picture held. */
class ReplayCaptureSourceTest {
    private static final int W = 64;
    private static final int H = 48;
    private static final int FRAMES = 10;

    @TempDir
    Path dir;

    @Test
    void replaysEveryFramePacedByItsTimestampThenHoldsTheLastPicture() throws Exception {
        Path file = dir.resolve("ref.mkv");
        writeNumberedFrames(file);

        long start = System.nanoTime();
        try (CaptureSource s = CaptureSource.ffmpeg().open(CaptureSpec.replay(file, 5))) {
            assertThat(s.width()).isEqualTo(W);
            assertThat(s.height()).isEqualTo(H);
            assertThat(s.pixelFormat()).isEqualTo(avutil.AV_PIX_FMT_BGR0);
            for (int i = 0; i < FRAMES; i++) {
                assertThat(firstByte(s.grab())).as("frame %d", i).isEqualTo(i * 20);
            }
            // The file has ended: the screen keeps its last picture.
            assertThat(firstByte(s.grab())).isEqualTo((FRAMES - 1) * 20);
            assertThat(firstByte(s.grab())).isEqualTo((FRAMES - 1) * 20);
        }
        // 10 frames at 5 fps end at 1.8 s, two held frames follow at 2.0 and 2.2 s: a lower bound
        // only, so a slow machine cannot fail it, but handing frames out as fast as decoded would.
        assertThat((System.nanoTime() - start) / 1e9).isGreaterThanOrEqualTo(2.1);
    }

    @Test
    void aMissingFileIsACaptureErrorNamingIt() {
        Path missing = dir.resolve("nope.mkv");
        assertThatThrownBy(() -> CaptureSource.ffmpeg().open(CaptureSpec.replay(missing, 5)))
                .isInstanceOf(CaptureException.class).hasMessageContaining("nope.mkv");
    }

    /** Frame i is a solid picture whose bytes are all {@code i * 20}, stored losslessly (FFV1, BGR0). */
    private static void writeNumberedFrames(Path file) throws Exception {
        try (FFmpegFrameRecorder r = new FFmpegFrameRecorder(file.toFile(), W, H, 0)) {
            r.setFormat("matroska");
            r.setVideoCodec(avcodec.AV_CODEC_ID_FFV1);
            r.setPixelFormat(avutil.AV_PIX_FMT_BGR0);
            r.setFrameRate(5);
            r.start();
            for (int i = 0; i < FRAMES; i++) {
                Frame f = new Frame(W, H, Frame.DEPTH_UBYTE, 4);
                ByteBuffer b = (ByteBuffer) f.image[0];
                for (int p = 0; p < b.capacity(); p++) {
                    b.put(p, (byte) (i * 20));
                }
                r.record(f, avutil.AV_PIX_FMT_BGR0);
            }
            r.stop();
        }
    }

    private static int firstByte(Frame f) {
        return ((ByteBuffer) f.image[0]).get(0) & 0xff;
    }
}
