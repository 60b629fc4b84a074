package dev.sessionrecorder.core.encode;

import dev.sessionrecorder.core.config.RecorderConfig;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Everything the chunk encoder is told, as data (so it can be logged, tested, stored in session.json
 * and compared in benchmarks).
 *
 * <p>Crash safety comes from the container, not from keyframes: fragmented MP4 with an empty moov
 * writes a self-contained fragment at every keyframe and at least every {@link #FRAGMENT_MICROS} µs,
 * and {@code flush_packets} pushes each fragment to the OS at once. A {@code kill -9} therefore loses
 * at most about one second whatever the keyframe interval, so keyframes can be far apart (they cost
 * bits on a still desktop) and only set how finely a player seeks.
 */
public record EncoderSettings(String encoder, int fps, int bitrateKbps, int gopFrames,
                              Map<String, String> codecOptions, Map<String, String> muxerOptions) {
    public static final long FRAGMENT_MICROS = 1_000_000;

    public EncoderSettings {
        // Insertion order kept: these are logged and stored in session.json for people to read.
        codecOptions = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(codecOptions));
        muxerOptions = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(muxerOptions));
    }

    /** @param encoder the resolved encoder name ({@link Encoders#resolve}), never "auto" */
    public static EncoderSettings from(RecorderConfig.Video video, int fps, String encoder) {
        Map<String, String> codec = new LinkedHashMap<>();
        // One thread: measured on 2 vCPU, threading cost more CPU in total (synchronisation) for the
        // same output, and a background recorder should not compete with the user on every core.
        codec.put("threads", Integer.toString(video.threads()));
        int bitrate = 0;
        if (encoder.equals("libx264")) {
            codec.put("preset", video.preset());
            // zerolatency: no lookahead or B-frames, so frames are not held back in the encoder
            // (a killed process would lose them) and fragments start at time zero.
            codec.put("tune", "zerolatency");
            codec.put("crf", Integer.toString(video.crf()));
        } else {
            bitrate = video.bitrateKbps();
            // Quality floor: in busy scenes the rate controller may not push the quantiser past this.
            codec.put("qmax", Integer.toString(video.maxQp()));
            // High profile with CABAC: same size, SSIM-Y 0.9979 instead of 0.9966 on the busy
            // workload, CPU within the measurement noise; Chromium and VLC play it.
            codec.put("profile", "high");
            codec.put("coder", "cabac");
        }
        Map<String, String> mux = new LinkedHashMap<>();
        mux.put("movflags", "frag_keyframe+empty_moov+default_base_moof");
        mux.put("frag_duration", Long.toString(FRAGMENT_MICROS));
        mux.put("flush_packets", "1");
        return new EncoderSettings(encoder, fps, bitrate, video.keyframeSeconds() * fps, codec, mux);
    }

    /** What session.json records: the encoder's options as FFmpeg names them, with bitrate and GOP. */
    public Map<String, String> describe() {
        Map<String, String> d = new LinkedHashMap<>(codecOptions);
        if (bitrateKbps > 0) {
            d.put("b", bitrateKbps + "k");
        }
        d.put("g", Integer.toString(gopFrames));
        return d;
    }
}
