package dev.sessionrecorder.recordings.fetch;

import static org.bytedeco.ffmpeg.global.avcodec.av_packet_alloc;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_free;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_rescale_ts;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_unref;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_parameters_copy;
import static org.bytedeco.ffmpeg.global.avformat.AVIO_FLAG_WRITE;
import static org.bytedeco.ffmpeg.global.avformat.av_find_best_stream;
import static org.bytedeco.ffmpeg.global.avformat.av_interleaved_write_frame;
import static org.bytedeco.ffmpeg.global.avformat.av_read_frame;
import static org.bytedeco.ffmpeg.global.avformat.av_write_trailer;
import static org.bytedeco.ffmpeg.global.avformat.avformat_alloc_output_context2;
import static org.bytedeco.ffmpeg.global.avformat.avformat_close_input;
import static org.bytedeco.ffmpeg.global.avformat.avformat_find_stream_info;
import static org.bytedeco.ffmpeg.global.avformat.avformat_free_context;
import static org.bytedeco.ffmpeg.global.avformat.avformat_new_stream;
import static org.bytedeco.ffmpeg.global.avformat.avformat_open_input;
import static org.bytedeco.ffmpeg.global.avformat.avformat_write_header;
import static org.bytedeco.ffmpeg.global.avformat.avio_closep;
import static org.bytedeco.ffmpeg.global.avformat.avio_open;
import static org.bytedeco.ffmpeg.global.avutil.AVERROR_EOF;
import static org.bytedeco.ffmpeg.global.avutil.AVMEDIA_TYPE_VIDEO;
import static org.bytedeco.ffmpeg.global.avutil.AV_NOPTS_VALUE;
import static org.bytedeco.ffmpeg.global.avutil.av_dict_free;
import static org.bytedeco.ffmpeg.global.avutil.av_dict_set;
import static org.bytedeco.ffmpeg.global.avutil.av_strerror;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.bytedeco.ffmpeg.avcodec.AVCodec;
import org.bytedeco.ffmpeg.avcodec.AVCodecParameters;
import org.bytedeco.ffmpeg.avcodec.AVPacket;
import org.bytedeco.ffmpeg.avformat.AVFormatContext;
import org.bytedeco.ffmpeg.avformat.AVIOContext;
import org.bytedeco.ffmpeg.avformat.AVStream;
import org.bytedeco.ffmpeg.avutil.AVDictionary;
import org.bytedeco.javacpp.PointerPointer;

/**
 * Joins chunks into one MP4 by copying their H.264 packets, without decoding or re-encoding: the result
 * is bit-for-bit the recorded pictures, and joining an hour takes seconds. Each chunk's timestamps are
 * shifted to start where the previous chunk's last frame ends, the way FFmpeg's concat demuxer does, so
 * the file plays the chunks back to back (time between chunks, such as a locked screen, is not on video;
 * the timeline written beside the file maps file time to wall-clock time).
 *
 * <p>Only chunks with the same geometry and the same codec parameters (SPS/PPS) can share one track;
 * {@link #probe} tells the caller which can.
 */
final class Remuxer {
    static {
        // FFmpeg's informational lines ("Starting second pass ...") are not for auditors; errors still show.
        org.bytedeco.ffmpeg.global.avutil.av_log_set_level(org.bytedeco.ffmpeg.global.avutil.AV_LOG_ERROR);
    }

    private Remuxer() {}

    /** What must be equal for two chunks to be joined: geometry, codec, and the decoder configuration. */
    record Stream(int width, int height, int codecId, byte[] extradata) {
        boolean joinsWith(Stream o) {
            return width == o.width && height == o.height && codecId == o.codecId && Arrays.equals(extradata, o.extradata);
        }
    }

    static Stream probe(Path chunk) throws IOException {
        AVFormatContext in = open(chunk);
        try {
            AVCodecParameters p = in.streams(videoStream(in, chunk)).codecpar();
            byte[] extra = new byte[Math.max(0, p.extradata_size())];
            if (extra.length > 0) {
                p.extradata().get(extra);
            }
            return new Stream(p.width(), p.height(), p.codec_id(), extra);
        } finally {
            avformat_close_input(in);
        }
    }

    /**
     * Writes {@code chunks} (which must all join, see {@link Stream#joinsWith}) into {@code output}.
     *
     * @return each chunk's start offset in the output, in seconds, then the output's total length
     */
    static double[] join(List<Path> chunks, Path output, String title) throws IOException {
        double[] offsets = new double[chunks.size() + 1];
        AVFormatContext out = new AVFormatContext(null);
        check(avformat_alloc_output_context2(out, null, "mp4", output.toString()), "create " + output);
        AVPacket pkt = av_packet_alloc();
        boolean headerWritten = false;
        try {
            AVStream outStream = null;
            long next = 0; // where the next chunk starts, in the output stream's time base
            for (int i = 0; i < chunks.size(); i++) {
                Path chunk = chunks.get(i);
                AVFormatContext in = open(chunk);
                try {
                    int vi = videoStream(in, chunk);
                    AVStream is = in.streams(vi);
                    if (outStream == null) {
                        outStream = avformat_new_stream(out, null);
                        check(avcodec_parameters_copy(outStream.codecpar(), is.codecpar()), "copy codec parameters");
                        outStream.codecpar().codec_tag(0);
                        outStream.time_base(is.time_base());
                        AVIOContext pb = new AVIOContext(null);
                        check(avio_open(pb, output.toString(), AVIO_FLAG_WRITE), "open " + output);
                        out.pb(pb);
                        AVDictionary opts = new AVDictionary(null);
                        // The index goes first so a player or browser can start before reading the whole file.
                        av_dict_set(opts, "movflags", "+faststart", 0);
                        AVDictionary meta = new AVDictionary(null);
                        av_dict_set(meta, "title", title, 0);
                        out.metadata(meta);
                        int rc = avformat_write_header(out, opts);
                        av_dict_free(opts);
                        check(rc, "write the header of " + output);
                        headerWritten = true;
                    }
                    offsets[i] = next * (double) outStream.time_base().num() / outStream.time_base().den();
                    long first = AV_NOPTS_VALUE;
                    long end = next;
                    int rc;
                    while ((rc = av_read_frame(in, pkt)) >= 0) {
                        try {
                            if (pkt.stream_index() != vi) {
                                continue;
                            }
                            av_packet_rescale_ts(pkt, is.time_base(), outStream.time_base());
                            if (first == AV_NOPTS_VALUE) {
                                first = pkt.dts() != AV_NOPTS_VALUE ? pkt.dts() : pkt.pts();
                            }
                            long shift = next - first;
                            long pts = pkt.pts() == AV_NOPTS_VALUE ? pkt.dts() : pkt.pts();
                            pkt.pts(pts + shift);
                            pkt.dts(pkt.dts() == AV_NOPTS_VALUE ? pts + shift : pkt.dts() + shift);
                            end = Math.max(end, pkt.pts() + Math.max(1, pkt.duration()));
                            pkt.stream_index(0);
                            pkt.pos(-1);
                            check(av_interleaved_write_frame(out, pkt), "write a packet of " + chunk.getFileName());
                        } finally {
                            av_packet_unref(pkt);
                        }
                    }
                    if (rc != AVERROR_EOF) {
                        check(rc, "read " + chunk.getFileName() + " to its end"); // a cut chunk must not pass as whole
                    }
                    next = end;
                } finally {
                    avformat_close_input(in);
                }
            }
            check(av_write_trailer(out), "finish " + output);
            offsets[chunks.size()] = next * (double) outStream.time_base().num() / outStream.time_base().den();
            return offsets;
        } finally {
            av_packet_free(pkt);
            if (out.pb() != null && !out.pb().isNull()) {
                avio_closep(out.pb());
            }
            avformat_free_context(out);
            if (!headerWritten) {
                java.nio.file.Files.deleteIfExists(output);
            }
        }
    }

    private static AVFormatContext open(Path file) throws IOException {
        AVFormatContext in = new AVFormatContext(null);
        check(avformat_open_input(in, file.toString(), null, null), "open " + file);
        int rc = avformat_find_stream_info(in, (PointerPointer<?>) null);
        if (rc < 0) {
            avformat_close_input(in);
            check(rc, "read " + file);
        }
        return in;
    }

    private static int videoStream(AVFormatContext in, Path file) throws IOException {
        int vi = av_find_best_stream(in, AVMEDIA_TYPE_VIDEO, -1, -1, (AVCodec) null, 0);
        if (vi < 0) {
            throw new IOException(file + " has no video stream");
        }
        return vi;
    }

    private static void check(int rc, String what) throws IOException {
        if (rc < 0) {
            byte[] buf = new byte[256];
            av_strerror(rc, buf, buf.length);
            String msg = new String(buf, java.nio.charset.StandardCharsets.UTF_8).replace("\0", "").trim();
            throw new IOException("cannot " + what + ": " + msg + " (FFmpeg error " + rc + ")");
        }
    }
}
