package dev.sessionrecorder.core.manifest;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sessionrecorder.core.spool.ChunkRecord;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ChainVerifierTest {
    private static final Instant T0 = Instant.parse("2026-11-22T10:00:00Z");

    private static List<ChunkRecord> chain(int n) {
        List<ChunkRecord> out = new ArrayList<>();
        String prev = ChunkRecord.GENESIS;
        for (int i = 1; i <= n; i++) {
            ChunkRecord r = ChunkRecord.of(i, String.format("%06d.mp4", i), T0.plusSeconds(60L * (i - 1)),
                    T0.plusSeconds(60L * i), 1920, 1080, 100 + i, "%064x".formatted(i), false, prev);
            out.add(r);
            prev = r.hash();
        }
        return out;
    }

    private static Optional<String> stored(ChunkRecord r) {
        return Optional.of(r.sha256());
    }

    @Test
    void intactChainHasNoProblems() {
        assertThat(ChainVerifier.verify(chain(3), ChainVerifierTest::stored)).isEmpty();
    }

    @Test
    void alteredChunkBytesAreNamed() {
        var problems = ChainVerifier.verify(chain(3), r -> r.sequence() == 2 ? Optional.of("ff".repeat(32)) : stored(r));
        assertThat(problems).extracting(Object::toString)
                .containsExactly("chunk 2: content differs from the recorded SHA-256 (chunk altered)");
    }

    @Test
    void swappedObjectsAreNamedAsReorderedNotAltered() {
        List<ChunkRecord> c = chain(3);
        var problems = ChainVerifier.verify(c, r -> r.sequence() == 2 ? stored(c.get(2)) : r.sequence() == 3 ? stored(c.get(1)) : stored(r));
        assertThat(problems).extracting(Object::toString).containsExactly(
                "chunk 2: 000002.mp4 holds the bytes of chunk 3 (chunks swapped or moved)",
                "chunk 3: 000003.mp4 holds the bytes of chunk 2 (chunks swapped or moved)");
        assertThat(problems).extracting(ChainVerifier.Problem::kind).containsOnly(ChainVerifier.Kind.REORDERED);
    }

    @Test
    void missingChunkIsNamed() {
        var problems = ChainVerifier.verify(chain(3), r -> r.sequence() == 3 ? Optional.empty() : stored(r));
        assertThat(problems).extracting(Object::toString).containsExactly("chunk 3: missing: 000003.mp4");
    }

    @Test
    void removedEntryBreaksTheChain() {
        List<ChunkRecord> c = new ArrayList<>(chain(3));
        c.remove(1);
        assertThat(ChainVerifier.verify(c, ChainVerifierTest::stored)).extracting(Object::toString)
                .contains("chunk 3: out of order: expected chunk 2", "chunk 3: not linked to the previous entry (chain broken)");
    }

    @Test
    void swappedEntriesAreDetected() {
        List<ChunkRecord> original = chain(3);
        List<ChunkRecord> c = new ArrayList<>(List.of(original.get(0), original.get(2), original.get(1)));
        assertThat(ChainVerifier.verify(c, ChainVerifierTest::stored)).extracting(Object::toString)
                .contains("chunk 3: out of order: expected chunk 2", "chunk 2: not linked to the previous entry (chain broken)");
    }

    @Test
    void editedEntryFieldIsDetected() {
        List<ChunkRecord> c = new ArrayList<>(chain(2));
        ChunkRecord r = c.get(0);
        c.set(0, new ChunkRecord(r.sequence(), r.file(), r.start(), r.end().plusSeconds(30), r.width(), r.height(),
                r.bytes(), r.sha256(), r.recovered(), r.previous(), r.hash()));
        assertThat(ChainVerifier.verify(c, ChainVerifierTest::stored)).extracting(Object::toString)
                .containsExactly("chunk 1: entry hash does not match its fields (entry altered)");
    }

    @Test
    void canonicalFormIsStableAndDocumented() {
        ChunkRecord r = chain(1).get(0);
        assertThat(r.canonical()).isEqualTo(String.join("\n", "v1", "1", "000001.mp4", "2026-11-22T10:00:00Z",
                "2026-11-22T10:01:00Z", "1920", "1080", "101", "%064x".formatted(1), "false", ChunkRecord.GENESIS));
        assertThat(r.hashIsValid()).isTrue();
    }
}
