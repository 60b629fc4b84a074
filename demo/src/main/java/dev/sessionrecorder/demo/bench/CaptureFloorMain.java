package dev.sessionrecorder.demo.bench;

import dev.sessionrecorder.core.capture.CaptureSource;
import dev.sessionrecorder.core.capture.CaptureSpec;
import java.nio.ByteBuffer;
import org.bytedeco.ffmpeg.global.avutil;
import org.bytedeco.ffmpeg.global.swscale;
import org.bytedeco.ffmpeg.swscale.SwsContext;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.DoublePointer;
import org.bytedeco.javacpp.IntPointer;
import org.bytedeco.javacpp.PointerPointer;
import org.bytedeco.javacv.Frame;

/**
 * The benchmark's floors: the recorder's own capture path (same JVM options, same JavaCV grabber) with
 * no comparison, encoding or upload; optionally plus the colour conversion to yuv420p that every
 * encoder here needs (done by swscale with the flags JavaCV's recorder uses). What the recorder costs
 * above these is the encoder's, or ours to cut.
 * Usage: {@code CaptureFloorMain FPS SECONDS [convert]} on $DISPLAY; prints the frames grabbed.
 */
public final class CaptureFloorMain {
    private CaptureFloorMain() {}

    public static void main(String[] args) throws Exception {
        int fps = Integer.parseInt(args[0]);
        boolean convert = args.length > 2 && args[2].equals("convert");
        long frames = 0;
        try (CaptureSource s = CaptureSource.ffmpeg().open(CaptureSpec.x11grab(CaptureSpec.x11Display(), fps))) {
            Converter converter = convert ? new Converter(s.width(), s.height(), s.pixelFormat()) : null;
            // Counted from the first frame, as the recorder's frames are, so start-up does not look like drops.
            long until = Long.MAX_VALUE;
            while (System.nanoTime() < until) {
                if (until == Long.MAX_VALUE) {
                    until = System.nanoTime() + Long.parseLong(args[1]) * 1_000_000_000L;
                    // The JVM's start-up, reported apart as for the recorder: paid once, not per minute.
                    System.out.println("STARTUP_CPU " + processCpuSeconds());
                }
                Frame f = s.grab();
                if (f != null) {
                    frames++;
                    if (converter != null) {
                        converter.convert(f);
                    }
                }
            }
        }
        System.out.println("FRAMES " + frames);
    }

    private static double processCpuSeconds() {
        return ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime() / 1e9;
    }

    /** Packed RGB to planar yuv420p at the same size, as the encoder's input stage does. */
    private static final class Converter {
        private final SwsContext sws;
        private final int height;
        private final PointerPointer<BytePointer> dst;
        private final IntPointer dstStride;
        // Allocated once: this loop is what the floor measures, so it must not add native allocations per frame.
        private final PointerPointer<BytePointer> src = new PointerPointer<>(4);
        private final IntPointer srcStride = new IntPointer(4);

        Converter(int width, int height, int pixelFormat) {
            this.height = height;
            sws = swscale.sws_getContext(width, height, pixelFormat, width, height, avutil.AV_PIX_FMT_YUV420P,
                    swscale.SWS_BILINEAR, null, null, (DoublePointer) null);
            int chroma = (width + 1) / 2;
            dst = new PointerPointer<>(new BytePointer((long) width * height), new BytePointer((long) chroma * ((height + 1) / 2)),
                    new BytePointer((long) chroma * ((height + 1) / 2)), null);
            dstStride = new IntPointer(width, chroma, chroma, 0);
        }

        void convert(Frame f) {
            src.put(0, new BytePointer((ByteBuffer) f.image[0]));
            srcStride.put(0, f.imageStride);
            swscale.sws_scale(sws, src, srcStride, 0, height, dst, dstStride);
        }
    }
}
