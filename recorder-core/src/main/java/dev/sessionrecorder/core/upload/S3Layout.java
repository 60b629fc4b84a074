package dev.sessionrecorder.core.upload;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Optional;

/**
 * Where a session's objects live. Keys are derived only from stable values (prefix, start date, stack,
 * session id, sequence number), so an upload that is retried, or redone after a crash, overwrites the
 * same key with the same bytes instead of creating a duplicate.
 *
 * <pre>
 *   {prefix}/{yyyy}/{MM}/{dd}/{stack}/{sessionId}/session.json
 *   {prefix}/{yyyy}/{MM}/{dd}/{stack}/{sessionId}/manifest.json
 *   {prefix}/{yyyy}/{MM}/{dd}/{stack}/{sessionId}/chunks/000001.mp4
 * </pre>
 * The date (UTC, of the session start) comes first so an auditor can list one day without listing the
 * bucket; {@code stack} is {@value #NO_STACK} outside AppStream.
 */
public final class S3Layout {
    public static final String NO_STACK = "no-stack";
    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("yyyy/MM/dd").withZone(ZoneOffset.UTC);

    private S3Layout() {}

    public static String keyBase(String prefix, Instant sessionStart, Optional<String> stack, String sessionId) {
        String s = stack.map(S3Layout::safeSegment).filter(v -> !v.isEmpty()).orElse(NO_STACK);
        String base = DATE.format(sessionStart) + "/" + s + "/" + sessionId;
        return prefix.isEmpty() ? base : prefix + "/" + base;
    }

    public static String sessionKey(String keyBase) {
        return keyBase + "/session.json";
    }

    public static String manifestKey(String keyBase) {
        return keyBase + "/manifest.json";
    }

    public static String chunkKey(String keyBase, String chunkFile) {
        return keyBase + "/chunks/" + chunkFile;
    }

    /** Stack names may hold characters that are awkward in keys; keep a readable, safe subset. */
    public static String safeSegment(String v) {
        return v.strip().replaceAll("[^A-Za-z0-9._-]", "_");
    }
}
