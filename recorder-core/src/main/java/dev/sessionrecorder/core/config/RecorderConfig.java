package dev.sessionrecorder.core.config;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * The recorder's whole configuration, validated once by {@link ConfigLoader}. Every value here is
 * usable as is: code downstream never re-checks ranges.
 */
public record RecorderConfig(S3 s3, Recording recording, Video video, Spool spool, Path logDir, Activity activity) {

    /** Without an {@code activity} section: the defaults. */
    public RecorderConfig(S3 s3, Recording recording, Video video, Spool spool, Path logDir) {
        this(s3, recording, video, spool, logDir, Activity.DEFAULTS);
    }

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
            Optional<Path> profileFile,
            /** Server-side encryption of every object; NONE leaves it to the bucket's default. */
            Encryption encryption,
            /** KMS key id or ARN, with KMS encryption only; empty means the account's aws/s3 key. */
            Optional<String> kmsKeyId,
            /** Object Lock retention put on every object, when the bucket has Object Lock enabled. */
            Optional<Retention> retention) {

        /** Compact form for tests and callers that need no encryption or retention. */
        public S3(String bucket, String region, String prefix, Optional<URI> endpoint, boolean pathStyle,
                  Optional<String> profile, Optional<Path> profileFile) {
            this(bucket, region, prefix, endpoint, pathStyle, profile, profileFile, Encryption.NONE, Optional.empty(),
                    Optional.empty());
        }
    }

    /** Server-side encryption requested on each PUT. */
    public enum Encryption {
        NONE, AES256, KMS
    }

    /** Object Lock: {@code mode} GOVERNANCE or COMPLIANCE, each object locked for {@code days} after upload. */
    public record Retention(String mode, int days) {}

    /**
     * What is captured and how it is cut into chunks. {@code skipUnchangedFrames}: a frame identical to the
     * last encoded one is not encoded (it shows longer; one frame a second is still written).
     */
    public record Recording(int fps, Duration chunkLength, boolean skipUnchangedFrames) {}

    /**
     * Encoder settings, H.264 in fragmented MP4. {@code encoder} is "auto" (libx264 when the FFmpeg
     * build has it, else libopenh264), "libx264" or "libopenh264". libx264 is driven by {@code preset}
     * and {@code crf}; libopenh264 by {@code bitrateKbps} with a quality floor of {@code maxQp}.
     * {@code threads}: encoder threads (1 costs the least CPU in total and leaves the other cores to the user).
     */
    public record Video(String encoder, int bitrateKbps, int keyframeSeconds, int maxQp, int crf, String preset, int threads) {}

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

    /**
     * The activity timeline: which window was in front and when the user was idle. {@code redact}: process
     * names (whole, any case) and title regular expressions, already checked to compile, whose titles are
     * stored as "[redacted]". {@code idleAfter}: no input for this long is an idle span. {@code poll}: how
     * often the foreground and idle time are read.
     */
    public record Activity(boolean enabled, boolean windowTitles, List<String> redact, Duration idleAfter, Duration poll) {
        public static final Activity DEFAULTS = new Activity(true, true, List.of(), Duration.ofSeconds(60), Duration.ofMillis(500));

        public Activity {
            redact = List.copyOf(redact);
        }
    }
}
