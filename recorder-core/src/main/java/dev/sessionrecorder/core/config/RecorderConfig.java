package dev.sessionrecorder.core.config;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/**
 * The recorder's whole configuration, validated once by {@link ConfigLoader}. Every value here is
 * usable as is: code downstream never re-checks ranges.
 */
public record RecorderConfig(S3 s3, Recording recording, Video video, Spool spool, Path logDir) {

    /** Where recordings go and how we authenticate. */
    public record S3(
            String bucket,
            String region,
            /** Key prefix without leading or trailing slash; may be empty. */
            String prefix,
            Optional<URI> endpoint,
            boolean pathStyle,
            /** Named profile; empty means "appstream_machine_role if the profile exists, else the default chain". */
            Optional<String> profile,
            /** Shared config/credentials file holding the profile; empty means the SDK's default location. */
            Optional<Path> profileFile) {}

    /** What is captured and how it is cut into chunks. */
    public record Recording(int fps, Duration chunkLength) {}

    /**
     * Encoder settings. H.264 in fragmented MP4; {@code crf} applies to libx264 only, libopenh264 is
     * rate-controlled by {@code bitrateKbps} with a quality floor of {@code maxQp}.
     */
    public record Video(String encoder, int bitrateKbps, int keyframeSeconds, int maxQp, Optional<Integer> crf) {}

    /**
     * Local spool: where chunks wait for S3, and how much disk they may take. When chunks waiting for S3
     * reach {@code maxBytes}, or free disk falls below {@code minFreeBytes}, {@code whenFull} applies.
     */
    public record Spool(Path dir, long maxBytes, long minFreeBytes, FullPolicy whenFull) {}

    /** What to do when the spool is full. */
    public enum FullPolicy {
        /** Stop capturing (a journaled gap) until uploads free space: nothing recorded is ever lost. */
        PAUSE,
        /** Delete the oldest chunk S3 does not have yet (journaled) and keep recording: the recent past wins. */
        DROP_OLDEST_UNUPLOADED;

        public String label() {
            return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
        }
    }
}
