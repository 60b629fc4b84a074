package dev.sessionrecorder.recordings.verify;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sessionrecorder.core.manifest.ChainVerifier;
import dev.sessionrecorder.core.session.SessionMetadata;
import dev.sessionrecorder.core.spool.ChunkRecord;
import dev.sessionrecorder.core.spool.FileHash;
import dev.sessionrecorder.core.spool.Spool;
import dev.sessionrecorder.recordings.store.Session;
import dev.sessionrecorder.recordings.store.SessionFiles;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Checks a stored session against its own hash chain: every chunk object re-hashed and compared with the
 * manifest, the chain's links and entry hashes, objects the manifest does not know, and whether the
 * recorder sealed the session. Gaps in time are reported with the manifest's explanation but are not
 * damage: a locked screen is a legitimate pause.
 */
public final class Verifier {
    /** A time gap shorter than this between consecutive chunks is the capture reopening, not worth a line. */
    public static final Duration GAP_TOLERANCE = Duration.ofSeconds(2);

    private Verifier() {}

    public enum Kind {
        /** session.json or manifest.json is missing, unreadable, or disagrees with where it is stored. */
        DOCUMENT,
        CHAIN,
        MISSING,
        ALTERED,
        REORDERED,
        /** A chunk object the manifest does not list. */
        EXTRA,
        /** The manifest is not final: the recorder never sealed the session. */
        INCOMPLETE
    }

    /** One problem; {@code chunk} is the sequence number it concerns, or 0. */
    public record Finding(Kind kind, long chunk, String message) {
        @Override
        public String toString() {
            return kind + (chunk > 0 ? " chunk " + chunk : "") + ": " + message;
        }
    }

    /** Time between two consecutive chunks that is not on video, and what the manifest says about it. */
    public record Gap(long afterChunk, Instant from, Instant to, String explanation) {
        public Duration length() {
            return Duration.between(from, to);
        }
    }

    /**
     * @param intact true when there is no problem: the chunks are exactly those the manifest's chain
     *               describes. The manifest itself is not signed: against someone who can rewrite the whole
     *               session consistently, only S3 Object Lock protects (see the README).
     */
    public record Report(String location, String sessionId, int chunks, long bytes, List<Finding> problems, List<Gap> gaps,
                         boolean intact) {}

    /** Told about each chunk as it is hashed, for progress output. */
    public interface Listener {
        void hashing(ChunkRecord chunk, int index, int of);

        Listener NONE = (c, i, n) -> { };
    }

    /** The full check: every chunk object read back and re-hashed. */
    public static Report verify(Session session, Listener listener) throws IOException {
        SessionFiles files = session.files();
        return check(session, (r, stored, i, n) -> {
            listener.hashing(r, i, n);
            try (InputStream in = files.openChunk(r.file(), 0)) {
                return FileHash.hex(FileHash.sha256(in));
            }
        });
    }

    /**
     * The cheap check for listings: the chain, and each object's presence and size from one listing, with
     * nothing downloaded. A same-size alteration passes here; only {@link #verify} proves the bytes.
     */
    public static Report quick(Session session) throws IOException {
        return check(session, (r, stored, i, n) -> stored.size() == r.bytes() ? r.sha256() : "size " + stored.size());
    }

    /** What a chunk's stored bytes hash to (or a stand-in that differs from every SHA-256 when they cannot match). */
    private interface Hasher {
        String actual(ChunkRecord r, SessionFiles.StoredObject stored, int index, int of) throws IOException;
    }

    private static Report check(Session session, Hasher hasher) throws IOException {
        SessionFiles files = session.files();
        List<Finding> problems = new ArrayList<>();
        session.unreadable().forEach(u -> problems.add(new Finding(Kind.DOCUMENT, 0, u)));
        checkDocumentsAgree(session, problems);
        List<ChunkRecord> chain = session.chain();
        if (session.manifest().isPresent()) {
            Map<String, SessionFiles.StoredObject> stored = new HashMap<>();
            files.chunks().forEach(o -> stored.put(o.file(), o));
            Map<String, String> actual = new HashMap<>();
            for (int i = 0; i < chain.size(); i++) {
                ChunkRecord r = chain.get(i);
                if (!r.file().equals(Spool.fileName(r.sequence()))) {
                    // The recorder names chunk N "%06d.mp4"; an entry pointing elsewhere would let a
                    // rewritten manifest reuse one object for two entries.
                    problems.add(new Finding(Kind.CHAIN, r.sequence(), "entry names file \"" + r.file() + "\", but the recorder "
                            + "names chunk " + r.sequence() + " " + Spool.fileName(r.sequence())));
                }
                if (stored.containsKey(r.file()) && !actual.containsKey(r.file())) {
                    try {
                        actual.put(r.file(), hasher.actual(r, stored.get(r.file()), i + 1, chain.size()));
                    } catch (java.io.FileNotFoundException gone) {
                        // listed but not readable as a chunk (deleted meanwhile, or an unsafe local name): missing
                    }
                }
            }
            for (ChainVerifier.Problem p : ChainVerifier.verify(chain, r -> Optional.ofNullable(actual.get(r.file())))) {
                String message = p.kind() == ChainVerifier.Kind.MISSING ? p.what() + whyMissing(session, p.sequence()) : p.what();
                problems.add(new Finding(Kind.valueOf(p.kind().name()), p.sequence(), message));
            }
            checkHead(session, problems);
            Set<String> listed = new LinkedHashSet<>();
            chain.forEach(r -> listed.add(r.file()));
            stored.values().stream().filter(o -> !listed.contains(o.file()))
                    .sorted(java.util.Comparator.comparing(SessionFiles.StoredObject::file))
                    .forEach(o -> problems.add(new Finding(Kind.EXTRA, 0, "chunks/" + o.file() + " (" + o.size()
                            + " bytes) is stored but not in the manifest")));
            if (!session.sealed()) {
                long last = chain.isEmpty() ? 0 : chain.get(chain.size() - 1).sequence();
                problems.add(new Finding(Kind.INCOMPLETE, 0, "the manifest is not final: the session is still recording, or "
                        + "its recorder never finished it (chunks after " + last + " may still be in the instance's spool)"));
            }
        }
        return new Report(files.location(), session.id(), chain.size(), session.bytes(), List.copyOf(problems),
                gaps(session), problems.isEmpty());
    }

    private static void checkDocumentsAgree(Session session, List<Finding> problems) {
        Optional<SessionMetadata> meta = session.metadata();
        Optional<String> manifestId = session.manifest().map(m -> m.path("sessionId").asText());
        if (meta.isPresent() && manifestId.isPresent() && !meta.get().sessionId().equals(manifestId.get())) {
            problems.add(new Finding(Kind.DOCUMENT, 0, "session.json is for session " + meta.get().sessionId()
                    + " but manifest.json for " + manifestId.get()));
        }
        Optional<String> storedUnder = session.files().keyBase();
        if (meta.isPresent() && storedUnder.isPresent() && !meta.get().keyBase().equals(storedUnder.get())) {
            problems.add(new Finding(Kind.DOCUMENT, 0, "session.json says the session is stored under " + meta.get().keyBase()
                    + ", but it was found under " + storedUnder.get() + " (moved or copied)"));
        }
    }

    /** The manifest's summary fields must agree with its entries; a truncated chain usually shows here. */
    private static void checkHead(Session session, List<Finding> problems) {
        JsonNode m = session.manifest().orElseThrow();
        List<ChunkRecord> chain = session.chain();
        String head = chain.isEmpty() ? ChunkRecord.GENESIS : chain.get(chain.size() - 1).hash();
        if (m.has("chainHead") && !m.path("chainHead").asText().equals(head)) {
            problems.add(new Finding(Kind.CHAIN, 0, "the manifest's chainHead is not the hash of its last entry "
                    + "(entries removed or added at the end)"));
        }
        JsonNode counted = m.path("counters").path("chunks");
        if (counted.isNumber() && counted.asInt() != chain.size()) {
            problems.add(new Finding(Kind.CHAIN, 0, "the manifest counts " + counted.asInt() + " chunk(s) but lists "
                    + chain.size()));
        }
    }

    /** The recorder journals why it gave up a chunk (spool full, unreadable); say so next to "missing". */
    private static String whyMissing(Session session, long sequence) {
        for (JsonNode e : session.events()) {
            String what = e.path("event").asText();
            if ((what.equals("dropped") || what.equals("quarantined")) && e.path("sequence").asLong() == sequence) {
                return " (the recorder " + what + " it at " + e.path("at").asText() + ": " + e.path("reason").asText() + ")";
            }
        }
        return "";
    }

    public static List<Gap> gaps(Session session) {
        List<ChunkRecord> chain = session.chain();
        List<Gap> out = new ArrayList<>();
        for (int i = 1; i < chain.size(); i++) {
            Instant from = chain.get(i - 1).end();
            Instant to = chain.get(i).start();
            if (Duration.between(from, to).compareTo(GAP_TOLERANCE) > 0) {
                out.add(new Gap(chain.get(i - 1).sequence(), from, to, explain(session.events(), from, to)));
            }
        }
        return out;
    }

    private static String explain(List<JsonNode> events, Instant from, Instant to) {
        List<String> why = new ArrayList<>();
        for (JsonNode e : events) {
            Instant at;
            try {
                at = Instant.parse(e.path("at").asText());
            } catch (RuntimeException unparsable) {
                continue;
            }
            if (!at.isBefore(from.minusSeconds(1)) && !at.isAfter(to.plusSeconds(1))) {
                String reason = e.path("reason").asText("");
                why.add(e.path("event").asText() + (reason.isEmpty() ? "" : " (" + reason + ")") + " at " + at);
            }
        }
        return why.isEmpty() ? "no event recorded: the recorder may have been stopped or restarted" : String.join(", ", why);
    }
}
