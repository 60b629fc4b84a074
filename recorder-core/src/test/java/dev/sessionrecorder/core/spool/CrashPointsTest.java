package dev.sessionrecorder.core.spool;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sessionrecorder.core.manifest.ChainVerifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.io.TempDir;

/**
 * A crash at each point of a chunk's life, reproduced by leaving the files exactly as the process would
 * have left them, then opening the spool as the next run does. Every case must end consistent: each
 * recorded byte in the chain once, sequence numbers contiguous, nothing waiting twice, no stray files.
 * (The points that involve S3 itself, between upload and confirmation, are in UploaderTest.)
 */
class CrashPointsTest {
    private static final Instant T0 = Instant.parse("2026-11-22T10:00:00Z");

    @TempDir
    Path root;

    /** Leaves the spool of session "s" as a crash at one point would; chunk 1 is always closed before it. */
    @FunctionalInterface
    interface Crash {
        void leave(Spool spool) throws Exception;
    }

    private static ClosedChunk closed(Spool spool, long n) throws Exception {
        InProgressChunk c = spool.begin(T0.plusSeconds(60 * (n - 1)), 640, 480);
        Files.writeString(c.file(), "chunk " + n);
        return spool.close(c, T0.plusSeconds(60 * n));
    }

    static Stream<Arguments> crashPoints() {
        return Stream.of(
                Arguments.of("after the open line, before the file exists", (Crash) s -> s.begin(T0.plusSeconds(60), 640, 480),
                        List.of(false), 1),
                Arguments.of("while writing, nothing flushed yet (empty file)", (Crash) s -> {
                    Files.createFile(s.begin(T0.plusSeconds(60), 640, 480).file());
                }, List.of(false), 1),
                Arguments.of("while writing (partial fragments on disk)", (Crash) s -> {
                    Files.writeString(s.begin(T0.plusSeconds(60), 640, 480).file(), "half");
                }, List.of(false, true), 2),
                Arguments.of("after the encoder finished, before hash and journal", (Crash) s -> {
                    Files.writeString(s.begin(T0.plusSeconds(60), 640, 480).file(), "complete chunk 2");
                }, List.of(false, true), 2),
                Arguments.of("after the journal line, before the rename", (Crash) s -> {
                    ClosedChunk c = closed(s, 2);
                    Files.move(c.file(), c.file().resolveSibling(c.record().file() + Spool.PART));
                }, List.of(false, false), 2),
                Arguments.of("after the rename, before any upload", (Crash) s -> closed(s, 2), List.of(false, false), 2),
                Arguments.of("after S3 confirmed and it was journaled, before the delete", (Crash) s -> {
                    ClosedChunk c = closed(s, 2);
                    Path keep = Files.copy(c.file(), c.file().resolveSibling("keep"));
                    s.confirmUploaded(c, "k/000002.mp4", "etag");
                    Files.move(keep, c.file());
                }, List.of(false, false), 1),
                Arguments.of("mid-append of the chunk line (torn journal)", (Crash) s -> {
                    InProgressChunk c = s.begin(T0.plusSeconds(60), 640, 480);
                    Files.writeString(c.file(), "chunk 2");
                    Files.writeString(s.dir().resolve("journal.jsonl"), "{\"type\":\"chunk\",\"sequ",
                            java.nio.file.StandardOpenOption.APPEND);
                }, List.of(false, true), 2),
                Arguments.of("after discarding an empty chunk", (Crash) s -> s.discard(s.begin(T0.plusSeconds(60), 640, 480)),
                        List.of(false), 1));
    }

    @ParameterizedTest(name = "crash {0}")
    @MethodSource("crashPoints")
    void recoversToAConsistentSpool(String point, Crash crash, List<Boolean> recoveredFlags, int waiting) throws Exception {
        Spool before = Spool.open(root, "s");
        closed(before, 1);
        crash.leave(before);

        Spool after = Spool.open(root, "s");

        List<ChunkRecord> chain = after.chain();
        assertThat(chain).extracting(ChunkRecord::recovered).as("chain after recovery").isEqualTo(recoveredFlags);
        assertThat(ChainVerifier.verify(chain, r -> Optional.of(r.sha256()))).as("contiguous and linked").isEmpty();
        assertThat(after.awaitingUpload()).as("waiting for S3").hasSize(waiting);
        try (var files = Files.list(after.dir())) {
            assertThat(files.map(f -> f.getFileName().toString())).as("no stray in-progress file").noneMatch(n -> n.endsWith(Spool.PART));
        }
        for (ClosedChunk c : after.awaitingUpload()) {
            assertThat(FileHash.sha256(c.file())).isEqualTo(java.util.HexFormat.of().parseHex(c.record().sha256()));
        }
        // The next chunk continues the numbering without a gap or a reuse of a chained number.
        InProgressChunk next = after.begin(T0.plusSeconds(600), 640, 480);
        assertThat(next.sequence()).isEqualTo(chain.size() + 1L);
    }
}
