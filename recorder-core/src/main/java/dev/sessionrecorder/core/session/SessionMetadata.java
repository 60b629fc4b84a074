package dev.sessionrecorder.core.session;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/**
 * What {@code session.json} says about a session. Each identity value carries where it came from, because
 * some sources (AppStream's user-level environment) can be edited by the recorded user.
 *
 * @param keyBase S3 key folder of the session, fixed when the session starts so that a retry or a
 *                recovery on another day writes the same keys
 */
// Unknown fields are ignored so a newer or older recorder can still finish a session left in the spool.
@com.fasterxml.jackson.annotation.JsonIgnoreProperties(ignoreUnknown = true)
public record SessionMetadata(
        String sessionId,
        Sourced user,
        String host,
        Optional<String> stack,
        Optional<String> fleet,
        Instant startedAt,
        Optional<Instant> endedAt,
        String recorderVersion,
        String keyBase,
        Settings settings,
        /** Who and where, each value with its source and whether that source can be trusted. */
        Map<String, IdentityField> identity) {

    public SessionMetadata {
        identity = identity == null ? Map.of() : Map.copyOf(identity);
        // A session.json written by another version (or edited) may lack these: absent, not null.
        stack = stack == null ? Optional.empty() : stack;
        fleet = fleet == null ? Optional.empty() : fleet;
        endedAt = endedAt == null ? Optional.empty() : endedAt;
    }

    /**
     * One identity fact. {@code trusted} is false for anything the recorded user could have edited, such
     * as AppStream's user-level environment variables: auditors must read those as claims.
     */
    public record IdentityField(String value, String source, boolean trusted) {}

    /**
     * The recording settings in force, so a viewer knows what to expect without the config file.
     * {@code encoderOptions} are FFmpeg's names (crf, preset, b, g, ...).
     */
    @com.fasterxml.jackson.annotation.JsonIgnoreProperties(ignoreUnknown = true)
    public record Settings(String capture, int fps, long chunkSeconds, String encoder, Map<String, String> encoderOptions) {
        public Settings {
            encoderOptions = encoderOptions == null ? Map.of()
                    : java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(encoderOptions));
        }
    }

    /** A value and its provenance, e.g. {@code ("alice", "windows-session")} or {@code ("alice", "claimed:env")}. */
    public record Sourced(String value, String source) {}

    public SessionMetadata ended(Instant at) {
        return new SessionMetadata(sessionId, user, host, stack, fleet, startedAt, Optional.of(at), recorderVersion, keyBase,
                settings, identity);
    }
}
