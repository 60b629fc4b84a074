package dev.sessionrecorder.core.manifest;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sessionrecorder.core.spool.ChunkRecord;
import dev.sessionrecorder.core.spool.Json;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * Checks a session's hash chain against the chunk bytes: sequence numbers contiguous from 1, each entry
 * linked to the previous one, each entry's hash over its own fields, and each chunk's SHA-256 equal to
 * the bytes actually stored. An empty result means intact.
 */
public final class ChainVerifier {
    private ChainVerifier() {}

    /** What kind of damage a problem is, so tools can count and filter them. */
    public enum Kind {
        /** The manifest's own entries: a sequence number out of place, a broken link or an edited entry. */
        CHAIN,
        /** A chunk the manifest lists is not stored. */
        MISSING,
        /** A chunk's bytes differ from the recorded SHA-256 and match no other chunk. */
        ALTERED,
        /** A chunk's bytes are those of another chunk of the same session: chunks were swapped or moved. */
        REORDERED
    }

    /** One thing wrong with a session, named so an auditor can act on it. */
    public record Problem(long sequence, Kind kind, String what) {
        @Override
        public String toString() {
            return "chunk " + sequence + ": " + what;
        }
    }

    /** The chunk records of a {@code manifest.json}. */
    public static List<ChunkRecord> chunks(JsonNode manifest) {
        List<ChunkRecord> out = new ArrayList<>();
        manifest.path("chunks").forEach(n -> out.add(Json.chunkRecord(n)));
        return out;
    }

    /**
     * @param actualSha256 hex SHA-256 of the stored bytes of a chunk, or empty when the chunk is missing
     */
    public static List<Problem> verify(List<ChunkRecord> chain, Function<ChunkRecord, Optional<String>> actualSha256) {
        List<Problem> problems = new ArrayList<>();
        // Whose bytes a wrong object holds: telling "swapped" from "altered" tells an auditor where to look.
        java.util.Map<String, Long> sequenceBySha = new java.util.HashMap<>();
        chain.forEach(r -> sequenceBySha.putIfAbsent(r.sha256(), r.sequence()));
        String previous = ChunkRecord.GENESIS;
        long expectedSeq = 1;
        for (ChunkRecord r : chain) {
            if (r.sequence() != expectedSeq) {
                problems.add(new Problem(r.sequence(), Kind.CHAIN, "out of order: expected chunk " + expectedSeq));
            }
            if (!r.previous().equals(previous)) {
                problems.add(new Problem(r.sequence(), Kind.CHAIN, "not linked to the previous entry (chain broken)"));
            }
            if (!r.hashIsValid()) {
                problems.add(new Problem(r.sequence(), Kind.CHAIN, "entry hash does not match its fields (entry altered)"));
            }
            Optional<String> actual = actualSha256.apply(r);
            if (actual.isEmpty()) {
                problems.add(new Problem(r.sequence(), Kind.MISSING, "missing: " + r.file()));
            } else if (!actual.get().equals(r.sha256())) {
                Long other = sequenceBySha.get(actual.get());
                problems.add(other != null
                        ? new Problem(r.sequence(), Kind.REORDERED, r.file() + " holds the bytes of chunk " + other
                                + " (chunks swapped or moved)")
                        : new Problem(r.sequence(), Kind.ALTERED, "content differs from the recorded SHA-256 (chunk altered)"));
            }
            previous = r.hash();
            expectedSeq = r.sequence() + 1;
        }
        return problems;
    }
}
