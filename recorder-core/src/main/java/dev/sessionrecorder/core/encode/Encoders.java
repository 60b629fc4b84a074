package dev.sessionrecorder.core.encode;

import org.bytedeco.ffmpeg.global.avcodec;

/** Questions about the FFmpeg build on the classpath. */
public final class Encoders {
    private Encoders() {}

    /** Whether this FFmpeg build has the named encoder (the default LGPL build has libopenh264, not libx264). */
    public static boolean available(String name) {
        return avcodec.avcodec_find_encoder_by_name(name) != null;
    }

    /**
     * The encoder a configured name stands for: "auto" is libx264 where the FFmpeg build has it (the GPL
     * build; it costs less CPU for the same quality, see the README's benchmark), else libopenh264.
     */
    public static String resolve(String configured) {
        if (!configured.equals("auto")) {
            return configured;
        }
        return available("libx264") ? "libx264" : "libopenh264";
    }
}
