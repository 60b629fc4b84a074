package dev.sessionrecorder.core.encode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.bytedeco.ffmpeg.global.swscale.SWS_BILINEAR;
import static org.bytedeco.ffmpeg.global.swscale.sws_freeContext;
import static org.bytedeco.ffmpeg.global.swscale.sws_getContext;
import static org.bytedeco.ffmpeg.global.swscale.sws_scale;

import java.nio.ByteBuffer;
import java.util.Random;
import org.bytedeco.ffmpeg.global.avutil;
import org.bytedeco.ffmpeg.swscale.SwsContext;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.DoublePointer;
import org.bytedeco.javacpp.IntPointer;
import org.bytedeco.javacpp.PointerPointer;
import org.junit.jupiter.api.Test;

/** Converting only changed bands gives the same picture as converting everything, through real libswscale. */
class BandedYuvConverterTest {
    static final int W = 320;
    static final int H = 200; // not a multiple of the band height: the last band is shorter

    /** A smooth picture with some detail, in BGR0. */
    static ByteBuffer picture(long seed) {
        Random r = new Random(seed);
        ByteBuffer b = ByteBuffer.allocateDirect(W * H * 4);
        for (int y = 0; y < H; y++) {
            for (int x = 0; x < W; x++) {
                b.put((byte) (x * 255 / W)).put((byte) (y * 255 / H)).put((byte) ((x + y) % 256)).put((byte) 0);
            }
        }
        for (int i = 0; i < 40; i++) { // a few "characters" of noise
            int x = r.nextInt(W - 8);
            int y = r.nextInt(H - 8);
            for (int k = 0; k < 8; k++) {
                b.putInt(((y + k) * W + x + k) * 4, r.nextInt());
            }
        }
        return b.clear();
    }

    static byte[] bytes(ByteBuffer b) {
        byte[] out = new byte[b.remaining()];
        b.duplicate().get(out);
        return out;
    }

    @Test
    void aSolidColourGivesTheStandardYuv() {
        ByteBuffer red = ByteBuffer.allocateDirect(W * H * 4);
        for (int i = 0; i < W * H; i++) {
            red.put((byte) 0).put((byte) 0).put((byte) 255).put((byte) 0); // B G R 0
        }
        try (BandedYuvConverter c = BandedYuvConverter.forFormat(W, H, avutil.AV_PIX_FMT_BGR0)) {
            byte[] yuv = bytes(c.convert(red.clear(), W * 4));
            int chroma = (W / 2) * (H / 2);
            assertThat(yuv).hasSize(W * H + 2 * chroma);
            // BT.601 limited range: red is Y 81-82, U 90, V 240, everywhere, in every band.
            for (int i = 0; i < W * H; i++) {
                assertThat(yuv[i] & 0xff).as("Y at %d", i).isBetween(81, 82);
            }
            for (int i = 0; i < chroma; i++) {
                assertThat(yuv[W * H + i] & 0xff).as("U at %d", i).isBetween(89, 91);
                assertThat(yuv[W * H + chroma + i] & 0xff).as("V at %d", i).isBetween(239, 241);
            }
        }
    }

    @Test
    void onlyChangedBandsAreConvertedAndTheResultEqualsAFreshConversion() {
        ByteBuffer a = picture(1);
        ByteBuffer b = picture(1);
        for (int y = 40; y <= 50; y++) { // rows 40-50: bands 32-47 and 48-63
            b.putInt((y * W + 100) * 4, 0x00ffffff);
        }
        try (BandedYuvConverter incremental = BandedYuvConverter.forFormat(W, H, avutil.AV_PIX_FMT_BGR0);
             BandedYuvConverter fresh = BandedYuvConverter.forFormat(W, H, avutil.AV_PIX_FMT_BGR0)) {
            incremental.convert(a, W * 4);
            long allBands = incremental.bandsConverted();
            assertThat(allBands).isEqualTo((H + BandedYuvConverter.BAND - 1) / BandedYuvConverter.BAND);
            byte[] afterB = bytes(incremental.convert(b, W * 4));
            assertThat(incremental.bandsConverted() - allBands).isEqualTo(2);
            assertThat(afterB).isEqualTo(bytes(fresh.convert(b, W * 4)));
            incremental.convert(b, W * 4);
            assertThat(incremental.bandsConverted() - allBands).as("an identical frame converts nothing").isEqualTo(2);
        }
    }

    @Test
    void bandsMatchAWholeFrameConversion() {
        ByteBuffer p = picture(7);
        byte[] banded;
        try (BandedYuvConverter c = BandedYuvConverter.forFormat(W, H, avutil.AV_PIX_FMT_BGR0)) {
            banded = bytes(c.convert(p, W * 4));
        }
        byte[] whole = wholeFrame(p);
        for (int i = 0; i < W * H; i++) {
            assertThat(banded[i]).as("luma at %d", i).isEqualTo(whole[i]);
        }
        // Chroma rows are filtered from neighbouring rows; a band sees only its own, so the chroma row at
        // each band edge may differ slightly. Every other chroma sample is identical.
        int cw = W / 2;
        int half = BandedYuvConverter.BAND / 2;
        int edgeMax = 0;
        for (int plane = 0; plane < 2; plane++) {
            int base = W * H + plane * cw * (H / 2);
            for (int cy = 0; cy < H / 2; cy++) {
                boolean edge = cy % half == 0 || cy % half == half - 1;
                for (int cx = 0; cx < cw; cx++) {
                    int d = Math.abs((whole[base + cy * cw + cx] & 0xff) - (banded[base + cy * cw + cx] & 0xff));
                    if (edge) {
                        edgeMax = Math.max(edgeMax, d);
                    } else {
                        assertThat(d).as("chroma plane %d at %d,%d", plane, cx, cy).isZero();
                    }
                }
            }
        }
        assertThat(edgeMax).as("chroma at band edges, out of 255").isLessThanOrEqualTo(16);
    }

    @Test
    void planarOddOrTinyFramesAreLeftToTheFullConversion() {
        assertThat(BandedYuvConverter.forFormat(W, H, avutil.AV_PIX_FMT_YUV420P)).isNull();
        assertThat(BandedYuvConverter.forFormat(W, H, avutil.AV_PIX_FMT_NV12)).isNull();
        assertThat(BandedYuvConverter.forFormat(W + 1, H, avutil.AV_PIX_FMT_BGR0)).isNull();
        assertThat(BandedYuvConverter.forFormat(W, H + 1, avutil.AV_PIX_FMT_BGR0)).isNull();
        assertThat(BandedYuvConverter.forFormat(6, 4, avutil.AV_PIX_FMT_BGR0)).isNull();
    }

    @Test
    void aBufferPositionedPastItsStartIsReadFromItsStartAndAShortOneIsRefused() {
        ByteBuffer a = picture(3);
        ByteBuffer b = picture(3);
        b.putInt(((H - 1) * W + 5) * 4, 0x00ffffff); // the last row changes
        try (BandedYuvConverter incremental = BandedYuvConverter.forFormat(W, H, avutil.AV_PIX_FMT_BGR0);
             BandedYuvConverter fresh = BandedYuvConverter.forFormat(W, H, avutil.AV_PIX_FMT_BGR0)) {
            incremental.convert(a.position(3 * W * 4), W * 4);
            byte[] after = bytes(incremental.convert(b.position(3 * W * 4), W * 4));
            assertThat(after).isEqualTo(bytes(fresh.convert(b.clear(), W * 4)));
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> incremental.convert(ByteBuffer.allocateDirect(W * 4), W * 4))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("does not hold 320x200 pixels");
        }
    }

    /** The conversion JavaCV's recorder does: the whole frame in one sws_scale call. */
    private static byte[] wholeFrame(ByteBuffer bgr0) {
        SwsContext ctx = sws_getContext(W, H, avutil.AV_PIX_FMT_BGR0, W, H, avutil.AV_PIX_FMT_YUV420P, SWS_BILINEAR, null, null,
                (DoublePointer) null);
        ByteBuffer out = ByteBuffer.allocateDirect(W * H * 3 / 2);
        BytePointer o = new BytePointer(out);
        // (One argument would pick PointerPointer's copy constructor, not the array one.)
        try (PointerPointer<BytePointer> src = new PointerPointer<BytePointer>(1).put(0, new BytePointer(bgr0));
             PointerPointer<BytePointer> dst = new PointerPointer<>(o, o.getPointer(W * H), o.getPointer(W * H + W * H / 4));
             IntPointer srcStride = new IntPointer(W * 4, 0, 0, 0);
             IntPointer dstStride = new IntPointer(W, W / 2, W / 2, 0)) {
            sws_scale(ctx, src, srcStride, 0, H, dst, dstStride);
        } finally {
            sws_freeContext(ctx);
        }
        return bytes(out.clear());
    }
}
