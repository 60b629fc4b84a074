package dev.sessionrecorder.core.spool;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sessionrecorder.core.manifest.ChainVerifier;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SpoolTest {
    @TempDir
    Path root;

    private static final Instant T0 = Instant.parse("2026-11-22T10:00:00Z");

    private ClosedChunk writeChunk(Spool spool, Instant start, String content) throws Exception {
        InProgressChunk c = spool.begin(start, 1920, 1080);
        assertThat(c.file().getFileName().toString()).endsWith(".mp4.part");
        Files.writeString(c.file(), content);
        return spool.close(c, start.plusSeconds(60));
    }

    @Test
    void chunkMovesFromPartToClosedToGone() throws Exception {
        Spool spool = Spool.open(root, "s-1");
        InProgressChunk c = spool.begin(T0, 1920, 1080);
        Files.writeString(c.file(), "frames");
        assertThat(c.file()).hasFileName("000001.mp4.part").exists();

        ClosedChunk closed = spool.close(c, T0.plusSeconds(60));
        assertThat(c.file()).doesNotExist();
        assertThat(closed.file()).hasFileName("000001.mp4").exists();
        assertThat(closed.record().sha256())
                .isEqualTo(HexFormat.of().formatHex(FileHash.sha256("frames".getBytes(StandardCharsets.UTF_8))));
        assertThat(closed.record().bytes()).isEqualTo(6);
        assertThat(spool.awaitingUpload()).containsExactly(closed);

        spool.confirmUploaded(closed, "k/000001.mp4", "etag");
        assertThat(closed.file()).doesNotExist();
        assertThat(spool.awaitingUpload()).isEmpty();
        assertThat(Files.readString(spool.dir().resolve("uploads.jsonl"))).contains("\"key\":\"k/000001.mp4\"");
    }

    @Test
    void journalChainsEntriesAndSurvivesReopen() throws Exception {
        Spool spool = Spool.open(root, "s-1");
        ClosedChunk a = writeChunk(spool, T0, "a");
        ClosedChunk b = writeChunk(spool, T0.plusSeconds(60), "b");
        assertThat(a.record().previous()).isEqualTo(ChunkRecord.GENESIS);
        assertThat(b.record().previous()).isEqualTo(a.record().hash());

        Spool reopened = Spool.open(root, "s-1");
        assertThat(reopened.chain()).containsExactly(a.record(), b.record());
        assertThat(reopened.awaitingUpload()).hasSize(2);
        assertThat(reopened.begin(T0.plusSeconds(120), 1, 1).sequence()).isEqualTo(3);
        assertThat(ChainVerifier.verify(reopened.chain(), r -> Optional.of(r.sha256()))).isEmpty();
    }

    @Test
    void recoveryClosesPartLeftByCrashAndMarksItRecovered() throws Exception {
        Spool spool = Spool.open(root, "s-1");
        ClosedChunk first = writeChunk(spool, T0, "first");
        InProgressChunk crashed = spool.begin(T0.plusSeconds(60), 1280, 720);
        Files.writeString(crashed.file(), "half a chunk");
        // the process dies here: no close()

        Spool recovered = Spool.open(root, "s-1");
        assertThat(recovered.recoveredCount()).isEqualTo(1);
        assertThat(crashed.file()).doesNotExist();
        List<ChunkRecord> chain = recovered.chain();
        assertThat(chain).hasSize(2);
        ChunkRecord r = chain.get(1);
        assertThat(r.recovered()).isTrue();
        assertThat(r.sequence()).isEqualTo(2);
        assertThat(r.width()).isEqualTo(1280);
        assertThat(r.start()).isEqualTo(T0.plusSeconds(60));
        assertThat(r.previous()).isEqualTo(first.record().hash());
        assertThat(recovered.awaitingUpload()).extracting(ClosedChunk::sequence).containsExactly(1L, 2L);
    }

    @Test
    void recoveryDiscardsEmptyPartAndDeletesConfirmedLeftover() throws Exception {
        Spool spool = Spool.open(root, "s-1");
        ClosedChunk done = writeChunk(spool, T0, "x");
        // confirmation written, but the crash came before the delete
        Files.copy(done.file(), root.resolve("keep"));
        spool.confirmUploaded(done, "k", "e");
        Files.copy(root.resolve("keep"), done.file());
        InProgressChunk empty = spool.begin(T0.plusSeconds(60), 1, 1);
        Files.createFile(empty.file());

        Spool recovered = Spool.open(root, "s-1");
        assertThat(done.file()).doesNotExist();
        assertThat(empty.file()).doesNotExist();
        assertThat(recovered.awaitingUpload()).isEmpty();
        assertThat(recovered.chain()).hasSize(1);
    }

    @Test
    void tornJournalLineFromCrashIsIgnoredAndRepaired() throws Exception {
        Spool spool = Spool.open(root, "s-1");
        ClosedChunk a = writeChunk(spool, T0, "a");
        Files.writeString(spool.dir().resolve("journal.jsonl"), "{\"type\":\"chunk\",\"seq", java.nio.file.StandardOpenOption.APPEND);

        Spool reopened = Spool.open(root, "s-1");
        assertThat(reopened.chain()).containsExactly(a.record());
        ClosedChunk b = writeChunk(reopened, T0.plusSeconds(60), "b");
        assertThat(Spool.open(root, "s-1").chain()).containsExactly(a.record(), b.record());
    }

    @Test
    void crashBetweenJournalAndRenameIsFinishedByRecoveryWithoutASecondEntry() throws Exception {
        Spool spool = Spool.open(root, "s-1");
        ClosedChunk c = writeChunk(spool, T0, "journaled");
        Files.move(c.file(), spool.dir().resolve("000001.mp4.part")); // as if the rename never happened

        Spool recovered = Spool.open(root, "s-1");
        assertThat(recovered.chain()).containsExactly(c.record());
        assertThat(recovered.recoveredCount()).isZero();
        assertThat(recovered.awaitingUpload()).extracting(ClosedChunk::file).containsExactly(c.file());
        assertThat(spool.dir().resolve("000001.mp4.part")).doesNotExist();
    }

    @Test
    void renameThatFailedDuringTheRunIsRetriedBeforeUpload() throws Exception {
        Spool spool = Spool.open(root, "s-1");
        ClosedChunk c = writeChunk(spool, T0, "journaled");
        Files.move(c.file(), spool.dir().resolve("000001.mp4.part"));

        assertThat(spool.awaitingUpload()).extracting(ClosedChunk::file).containsExactly(c.file());
        assertThat(c.file()).exists();
    }

    @Test
    void unreadablePartIsQuarantinedByRecoveryAndDoesNotBlockTheSpool() throws Exception {
        Spool spool = Spool.open(root, "s-1");
        InProgressChunk c = spool.begin(T0, 640, 480);
        Files.createDirectory(c.file()); // a .part that cannot be read as a file (disk fault stand-in)
        Files.writeString(c.file().resolve("x"), "x");

        Spool recovered = Spool.open(root, "s-1");
        assertThat(recovered.chain()).isEmpty();
        assertThat(recovered.dir().resolve("quarantine").resolve("000001.mp4.part")).exists();
        assertThat(recovered.dir().resolve("quarantine").resolve("000001.mp4.part.error")).content().contains("could not be read");
        assertThat(recovered.events()).extracting(e -> e.path("event").asText()).containsExactly("quarantined");
        assertThat(recovered.begin(T0.plusSeconds(60), 1, 1).sequence()).isEqualTo(1);
    }

    @Test
    void inspectingALiveSpoolChangesNothing() throws Exception {
        Spool live = Spool.open(root, "s-1");
        ClosedChunk closed = writeChunk(live, T0, "closed");
        InProgressChunk writing = live.begin(T0.plusSeconds(60), 640, 480);
        Files.writeString(writing.file(), "still being written");
        long journalBytes = Files.size(live.dir().resolve("journal.jsonl"));

        Spool view = Spool.inspect(root, "s-1");
        assertThat(view.chain()).containsExactly(closed.record());
        assertThat(view.awaitingUpload()).extracting(ClosedChunk::file).containsExactly(closed.file());
        assertThat(view.recoveredCount()).isZero();
        assertThat(writing.file()).as("the recorder's chunk is left to the recorder").hasContent("still being written");
        assertThat(live.dir().resolve("journal.jsonl")).hasSize(journalBytes);
    }

    @Test
    void unsafeSessionIdIsRefused() {
        assertThatThrownBy(() -> Spool.open(root, "../escape")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("session id");
    }
}
