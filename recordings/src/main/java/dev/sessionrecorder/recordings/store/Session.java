package dev.sessionrecorder.recordings.store;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sessionrecorder.core.manifest.ChainVerifier;
import dev.sessionrecorder.core.session.SessionMetadata;
import dev.sessionrecorder.core.spool.ChunkRecord;
import dev.sessionrecorder.core.spool.Json;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A session's two documents, {@code session.json} and {@code manifest.json}, read and parsed. Either may
 * be absent or unreadable (a session still starting, or a damaged one); that is kept as a message, not
 * thrown, so {@code list} can show the rest and {@code verify} can report it.
 */
public final class Session {
    private final SessionFiles files;
    private final Optional<SessionMetadata> metadata;
    private final Optional<JsonNode> manifest;
    private final List<ChunkRecord> chain;
    private final List<String> unreadable;

    private Session(SessionFiles files, Optional<SessionMetadata> metadata, Optional<JsonNode> manifest,
                    List<ChunkRecord> chain, List<String> unreadable) {
        this.files = files;
        this.metadata = metadata;
        this.manifest = manifest;
        this.chain = List.copyOf(chain);
        this.unreadable = List.copyOf(unreadable);
    }

    public static Session load(SessionFiles files) throws IOException {
        List<String> unreadable = new ArrayList<>();
        Optional<SessionMetadata> meta = Optional.empty();
        Optional<byte[]> sessionBytes = files.read(SessionFiles.SESSION_JSON);
        if (sessionBytes.isEmpty()) {
            unreadable.add(SessionFiles.SESSION_JSON + " is missing");
        } else {
            try {
                SessionMetadata m = Json.mapper().readValue(sessionBytes.get(), SessionMetadata.class);
                String lacking = m.sessionId() == null ? "sessionId" : m.user() == null || m.user().value() == null ? "user"
                        : m.startedAt() == null ? "startedAt" : m.keyBase() == null ? "keyBase" : m.host() == null ? "host" : null;
                if (lacking != null) {
                    unreadable.add(SessionFiles.SESSION_JSON + " lacks \"" + lacking + "\"");
                } else {
                    meta = Optional.of(m);
                }
            } catch (IOException | RuntimeException e) {
                unreadable.add(SessionFiles.SESSION_JSON + " cannot be read: " + e.getMessage());
            }
        }
        Optional<JsonNode> manifest = Optional.empty();
        List<ChunkRecord> chain = List.of();
        Optional<byte[]> manifestBytes = files.read(SessionFiles.MANIFEST_JSON);
        if (manifestBytes.isEmpty()) {
            unreadable.add(SessionFiles.MANIFEST_JSON + " is missing");
        } else {
            try {
                JsonNode m = Json.mapper().readTree(manifestBytes.get());
                chain = ChainVerifier.chunks(m);
                manifest = Optional.of(m);
            } catch (IOException | RuntimeException e) {
                unreadable.add(SessionFiles.MANIFEST_JSON + " cannot be read: " + e.getMessage());
            }
        }
        return new Session(files, meta, manifest, chain, unreadable);
    }

    public SessionFiles files() {
        return files;
    }

    public Optional<SessionMetadata> metadata() {
        return metadata;
    }

    public Optional<JsonNode> manifest() {
        return manifest;
    }

    /** The manifest's chunk entries, in manifest order. */
    public List<ChunkRecord> chain() {
        return chain;
    }

    /** Why a document could not be used; empty when both were read. */
    public List<String> unreadable() {
        return unreadable;
    }

    /** The session id from session.json, else the manifest, else the last segment of the location. */
    public String id() {
        return metadata.map(SessionMetadata::sessionId)
                .or(() -> manifest.map(m -> m.path("sessionId").asText()).filter(s -> !s.isEmpty()))
                .orElseGet(() -> {
                    String l = files.location();
                    return l.substring(l.lastIndexOf('/') + 1);
                });
    }

    public Optional<Instant> start() {
        return metadata.map(SessionMetadata::startedAt).or(() -> chain.stream().findFirst().map(ChunkRecord::start));
    }

    /** When the recorder said it ended, else the end of the last chunk. */
    public Optional<Instant> end() {
        return metadata.flatMap(SessionMetadata::endedAt)
                .or(() -> chain.isEmpty() ? Optional.empty() : Optional.of(chain.get(chain.size() - 1).end()));
    }

    /** Wall-clock span of the session, start to end. */
    public Optional<Duration> span() {
        return start().flatMap(s -> end().map(e -> Duration.between(s, e)));
    }

    /** Time actually on video: the sum of the chunks' lengths. */
    public Duration recorded() {
        return chain.stream().map(c -> Duration.between(c.start(), c.end())).reduce(Duration.ZERO, Duration::plus);
    }

    public long bytes() {
        return chain.stream().mapToLong(ChunkRecord::bytes).sum();
    }

    /** Whether the recorder wrote its final manifest: nothing more will be added to this session. */
    public boolean sealed() {
        return manifest.map(m -> m.path("final").asBoolean()).orElse(false);
    }

    /** The manifest's events (pauses, layout changes, dropped or quarantined chunks), oldest first. */
    public List<JsonNode> events() {
        List<JsonNode> out = new ArrayList<>();
        manifest.ifPresent(m -> m.path("events").forEach(out::add));
        return out;
    }

    /** The identity field in which session-start keeps the AppStream user name it read from the user's environment. */
    static final String CLAIMED_USER_FIELD = "AppStream_UserName";

    /**
     * session-start writes why a field has no value in place of the value ("unreadable: REG_DWORD, not a
     * string", "rejected: character U+202E at position 5", "absent: no such key"); such a text is no name
     * and must never be matched as one, or "--user rejected" would find every session with a bad claim.
     */
    private static final List<String> NO_VALUE_PREFIXES = List.of("unreadable: ", "rejected: ", "absent: ");

    /**
     * The AppStream user name claimed for this session, when session-start read a usable one. It comes
     * from environment the recorded user can edit: a claim, never proof of who streamed.
     */
    public Optional<SessionMetadata.IdentityField> claimedUser() {
        return metadata.map(m -> m.identity().get(CLAIMED_USER_FIELD))
                .filter(f -> f.value() != null && !f.value().isBlank())
                .filter(f -> NO_VALUE_PREFIXES.stream().noneMatch(f.value()::startsWith));
    }

    /** How far the recorded user is confirmed, from the identity session-start collected. */
    public UserCheck userCheck() {
        var identity = metadata.map(SessionMetadata::identity).orElse(java.util.Map.of());
        if (identity.containsKey("userMismatch")) {
            return UserCheck.MISMATCH;
        }
        SessionMetadata.IdentityField verified = identity.get("appstreamVerified");
        if (verified != null) {
            return "true".equals(verified.value()) ? UserCheck.VERIFIED : UserCheck.NOT_VERIFIED;
        }
        SessionMetadata.IdentityField compared = identity.get("userCheck");
        if (compared != null) {
            String v = compared.value();
            return v.startsWith("compared: match") ? UserCheck.MATCHES_CLAIM : v.startsWith("not applicable") ? UserCheck.GENERIC_USER
                    : v.startsWith("not compared") ? UserCheck.NO_CLAIM : UserCheck.UNCHECKED;
        }
        return UserCheck.UNCHECKED;
    }
}
