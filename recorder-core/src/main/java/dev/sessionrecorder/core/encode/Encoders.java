package dev.sessionrecorder.core.encode;

import org.bytedeco.ffmpeg.global.avcodec;

/** Questions about the FFmpeg build on the classpath. */
public final class Encoders {
    private Encoders() {}

    /** Whether this FFmpeg build has the named encoder (the default LGPL build has libopenh264, not libx264). */
    public static boolean available(String name) {
        return avcodec.avcodec_find_encoder_by_name(name) != null;
    }
}
