package dev.sessionrecorder.core.encode;

import dev.sessionrecorder.core.config.RecorderConfig;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Everything the chunk encoder is told, as data (so it can be logged, tested and compared in benchmarks).
 *
 * <p>Crash safety comes from the container: fragmented MP4 with an empty moov writes a self-contained
 * fragment at every keyframe and at least every {@link #FRAGMENT_MICROS} µs, and {@code flush_packets}
 * pushes each fragment to the OS at once. A {@code kill -9} therefore loses at most about one second,
 * where a plain MP4 (moov written at the end) loses the whole file.
 */
public record EncoderSettings(String encoder, int fps, int bitrateKbps, int gopFrames,
                              Map<String, String> codecOptions, Map<String, String> muxerOptions) {
    public static final long FRAGMENT_MICROS = 1_000_000;

    public EncoderSettings {
        codecOptions = Map.copyOf(codecOptions);
        muxerOptions = Map.copyOf(muxerOptions);
    }

    public static EncoderSettings from(RecorderConfig.Video video, int fps) {
        Map<String, String> codec = new LinkedHashMap<>();
        // Quality floor: in busy scenes the rate controller may not push the quantiser past this.
        codec.put("qmax", Integer.toString(video.maxQp()));
        if (video.encoder().equals("libx264")) {
            codec.put("preset", "veryfast");
            // zerolatency: no lookahead or B-frames, so frames are not held back in the encoder
            // (a killed process would lose them) and fragments start at time zero.
            codec.put("tune", "zerolatency");
            video.crf().ifPresent(crf -> codec.put("crf", Integer.toString(crf)));
        }
        Map<String, String> mux = new LinkedHashMap<>();
        mux.put("movflags", "frag_keyframe+empty_moov+default_base_moof");
        mux.put("frag_duration", Long.toString(FRAGMENT_MICROS));
        mux.put("flush_packets", "1");
        return new EncoderSettings(video.encoder(), fps, video.bitrateKbps(), video.keyframeSeconds() * fps, codec, mux);
    }
}
