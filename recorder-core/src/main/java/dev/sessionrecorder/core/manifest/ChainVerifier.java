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

    /** One thing wrong with a session, named so an auditor can act on it. */
    public record Problem(long sequence, String what) {
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
        String previous = ChunkRecord.GENESIS;
        long expectedSeq = 1;
        for (ChunkRecord r : chain) {
            if (r.sequence() != expectedSeq) {
                problems.add(new Problem(r.sequence(), "out of order: expected chunk " + expectedSeq));
            }
            if (!r.previous().equals(previous)) {
                problems.add(new Problem(r.sequence(), "not linked to the previous entry (chain broken)"));
            }
            if (!r.hashIsValid()) {
                problems.add(new Problem(r.sequence(), "entry hash does not match its fields (entry altered)"));
            }
            Optional<String> actual = actualSha256.apply(r);
            if (actual.isEmpty()) {
                problems.add(new Problem(r.sequence(), "missing: " + r.file()));
            } else if (!actual.get().equals(r.sha256())) {
                problems.add(new Problem(r.sequence(), "content differs from the recorded SHA-256 (chunk altered)"));
            }
            previous = r.hash();
            expectedSeq = r.sequence() + 1;
        }
        return problems;
    }
}
