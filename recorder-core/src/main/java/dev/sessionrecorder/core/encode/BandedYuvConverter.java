package dev.sessionrecorder.core.encode;

import static org.bytedeco.ffmpeg.global.swscale.SWS_BILINEAR;
import static org.bytedeco.ffmpeg.global.swscale.sws_freeContext;
import static org.bytedeco.ffmpeg.global.swscale.sws_getContext;
import static org.bytedeco.ffmpeg.global.swscale.sws_scale;

import java.nio.ByteBuffer;
import java.util.Set;
import org.bytedeco.ffmpeg.global.avutil;
import org.bytedeco.ffmpeg.swscale.SwsContext;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.DoublePointer;
import org.bytedeco.javacpp.IntPointer;
import org.bytedeco.javacpp.PointerPointer;

/**
 * Converts screen frames (packed RGB) to the encoder's yuv420p, redoing only the bands of rows that
 * changed since the previous frame. On a desktop, typing or a blinking cursor changes a few rows of a
 * frame; converting all 1080 rows every time cost about 3 CPU-seconds per recorded minute, as much as
 * the encoder.
 *
 * <p>Every band, changed or not, is converted the same way (as its own {@value #BAND}-row image), so the
 * result for a frame does not depend on which frames came before it: a fresh converter given the same
 * frame yields the same bytes. Band edges are even rows, so each band owns whole chroma rows.
 *
 * <p>The output buffer is laid out as FFmpeg's {@code av_image_fill_arrays} expects with alignment 1:
 * the Y plane (width × height), then U and V ((width+1)/2 × (height+1)/2 each).
 */
final class BandedYuvConverter implements AutoCloseable {
    static final int BAND = 16;

    /** Packed formats, one plane: the only ones whose rows can be compared and cut into bands directly. */
    private static final Set<Integer> PACKED = Set.of(avutil.AV_PIX_FMT_BGR0, avutil.AV_PIX_FMT_BGRA, avutil.AV_PIX_FMT_RGB0,
            avutil.AV_PIX_FMT_RGBA, avutil.AV_PIX_FMT_0RGB, avutil.AV_PIX_FMT_ARGB, avutil.AV_PIX_FMT_0BGR,
            avutil.AV_PIX_FMT_ABGR, avutil.AV_PIX_FMT_BGR24, avutil.AV_PIX_FMT_RGB24);

    private final int width;
    private final int height;
    private final int bytesPerPixel;
    private final int chromaWidth;
    private final SwsContext fullBand;
    private final SwsContext lastBand;
    // Native memory freed in close(), not direct ByteBuffers: a converter lives for one chunk, and direct
    // buffers would wait for a garbage collection that a mostly idle 256 MB heap may not run for hours.
    private final BytePointer yuvPointer;
    private final ByteBuffer yuv;
    private final BytePointer previousPointer;
    private final ByteBuffer before;
    /** Where each band's rows go in the Y, U and V planes, computed once. */
    private final BytePointer[][] bandPlanes;
    private final PointerPointer<BytePointer> srcPlanes = new PointerPointer<>(1);
    private final PointerPointer<BytePointer> dstPlanes = new PointerPointer<>(3);
    private final IntPointer srcStride = new IntPointer(0, 0, 0, 0);
    private final IntPointer dstStride;
    private boolean first = true;
    private boolean closed;
    private long bandsConverted;

    private BandedYuvConverter(int width, int height, int pixelFormat, int bytesPerPixel) {
        this.width = width;
        this.height = height;
        this.bytesPerPixel = bytesPerPixel;
        this.chromaWidth = (width + 1) / 2;
        int chromaHeight = (height + 1) / 2;
        this.yuvPointer = new BytePointer((long) width * height + 2L * chromaWidth * chromaHeight);
        this.yuv = yuvPointer.asByteBuffer();
        this.previousPointer = new BytePointer((long) width * height * bytesPerPixel);
        this.before = previousPointer.asByteBuffer();
        this.dstStride = new IntPointer(width, chromaWidth, chromaWidth, 0);
        int bands = (height + BAND - 1) / BAND;
        this.bandPlanes = new BytePointer[bands][];
        long yPlane = (long) width * height;
        long uvPlane = (long) chromaWidth * chromaHeight;
        for (int b = 0; b < bands; b++) {
            long chromaRow = b * (BAND / 2L);
            bandPlanes[b] = new BytePointer[] {yuvPointer.getPointer((long) b * BAND * width),
                    yuvPointer.getPointer(yPlane + chromaRow * chromaWidth),
                    yuvPointer.getPointer(yPlane + uvPlane + chromaRow * chromaWidth)};
        }
        // The same filter JavaCV's recorder uses for this conversion, so quality is unchanged.
        this.fullBand = context(width, Math.min(BAND, height), pixelFormat);
        int rest = height % BAND;
        try {
            this.lastBand = rest == 0 || height < BAND ? null : context(width, rest, pixelFormat);
        } catch (RuntimeException e) {
            sws_freeContext(fullBand);
            yuvPointer.close();
            previousPointer.close();
            throw e;
        }
    }

    /** A converter for frames in {@code pixelFormat}, or null when that format cannot be banded (use a full conversion). */
    static BandedYuvConverter forFormat(int width, int height, int pixelFormat) {
        // Odd sizes: JavaCV rounds the encoder's size up to even and converts again anyway. Tiny widths:
        // libswscale's vector code writes a few bytes past such rows.
        if (!PACKED.contains(pixelFormat) || width < 16 || height < 2 || width % 2 != 0 || height % 2 != 0) {
            return null;
        }
        int bpp = pixelFormat == avutil.AV_PIX_FMT_BGR24 || pixelFormat == avutil.AV_PIX_FMT_RGB24 ? 3 : 4;
        return new BandedYuvConverter(width, height, pixelFormat, bpp);
    }

    private static SwsContext context(int w, int h, int pixelFormat) {
        SwsContext c = sws_getContext(w, h, pixelFormat, w, h, avutil.AV_PIX_FMT_YUV420P, SWS_BILINEAR, null, null,
                (DoublePointer) null);
        if (c == null) {
            throw new IllegalStateException("FFmpeg cannot convert pixel format " + pixelFormat + " to yuv420p");
        }
        return c;
    }

    /**
     * Converts {@code frame} (rows of {@code stride} bytes) and returns the yuv420p picture. The returned
     * buffer is reused by the next call.
     */
    ByteBuffer convert(ByteBuffer frame, int stride) {
        if (closed) {
            throw new IllegalStateException("converter already closed");
        }
        int rowBytes = width * bytesPerPixel;
        if (stride < rowBytes || frame.capacity() < (long) (height - 1) * stride + rowBytes) {
            // libswscale would read past the frame: refuse before any native call.
            throw new IllegalArgumentException("frame of " + frame.capacity() + " bytes with rows of " + stride
                    + " bytes does not hold " + width + "x" + height + " pixels");
        }
        convertBands(frame.duplicate().clear(), stride, first); // position 0: native code and the comparisons agree
        first = false;
        return yuv.duplicate().clear();
    }

    /** How many bands were converted so far (tests and the benchmark read it). */
    long bandsConverted() {
        return bandsConverted;
    }

    // Called five times a second: nothing below allocates per band except the source pointer, so the
    // converter adds no garbage worth a young-generation page.
    private void convertBands(ByteBuffer frame, int stride, boolean all) {
        int rowBytes = width * bytesPerPixel;
        ByteBuffer now = frame.duplicate();
        BytePointer src = new BytePointer(frame);
        srcStride.put(0, stride);
        for (int band = 0; band < bandPlanes.length; band++) {
            int y0 = band * BAND;
            int rows = Math.min(BAND, height - y0);
            if (!all && unchanged(now, stride, y0, rows, rowBytes)) {
                continue;
            }
            // getPointer gives a pointer at address + offset; a Pointer's "position" is not what native code sees.
            srcPlanes.put(0, src.getPointer((long) y0 * stride));
            for (int plane = 0; plane < 3; plane++) {
                dstPlanes.put(plane, bandPlanes[band][plane]);
            }
            sws_scale(rows == BAND || lastBand == null ? fullBand : lastBand, srcPlanes, srcStride, 0, rows, dstPlanes, dstStride);
            remember(now, stride, y0, rows, rowBytes);
            bandsConverted++;
        }
    }

    private boolean unchanged(ByteBuffer now, int stride, int y0, int rows, int rowBytes) {
        if (stride == rowBytes) { // rows are contiguous (the usual case): one comparison per band
            now.limit((y0 + rows) * rowBytes).position(y0 * rowBytes);
            before.limit((y0 + rows) * rowBytes).position(y0 * rowBytes);
            return now.mismatch(before) == -1;
        }
        for (int y = y0; y < y0 + rows; y++) {
            now.limit(y * stride + rowBytes).position(y * stride);
            before.limit((y + 1) * rowBytes).position(y * rowBytes);
            if (now.mismatch(before) != -1) {
                return false;
            }
        }
        return true;
    }

    private void remember(ByteBuffer now, int stride, int y0, int rows, int rowBytes) {
        if (stride == rowBytes) {
            now.limit((y0 + rows) * rowBytes).position(y0 * rowBytes);
            before.limit(before.capacity()).position(y0 * rowBytes);
            before.put(now);
            return;
        }
        for (int y = y0; y < y0 + rows; y++) {
            now.limit(y * stride + rowBytes).position(y * stride);
            before.limit(before.capacity()).position(y * rowBytes);
            before.put(now);
        }
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        sws_freeContext(fullBand);
        if (lastBand != null) {
            sws_freeContext(lastBand);
        }
        for (AutoCloseable c : new AutoCloseable[] {srcPlanes, dstPlanes, srcStride, dstStride, yuvPointer, previousPointer}) {
            try {
                c.close();
            } catch (Exception ignored) {
                // Pointer.close() does not throw
            }
        }
    }
}
