package dev.sessionrecorder.recordings.verify;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sessionrecorder.core.spool.ChunkRecord;
import dev.sessionrecorder.core.spool.FileHash;
import dev.sessionrecorder.core.spool.Json;
import dev.sessionrecorder.recordings.store.FolderSessionFiles;
import dev.sessionrecorder.recordings.store.Session;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Damaged documents are findings, never crashes; a manifest cannot point an entry at another file. */
class VerifierTest {
    private static final Instant T0 = Instant.parse("2026-11-22T10:00:00Z");

    @TempDir
    Path dir;

    private void write(String manifestFileName, String sessionJson) throws Exception {
        byte[] chunk = "not really a video".getBytes(StandardCharsets.US_ASCII);
        Files.createDirectories(dir.resolve("chunks"));
        Files.write(dir.resolve("chunks").resolve("000001.mp4"), chunk);
        ChunkRecord r = ChunkRecord.of(1, manifestFileName, T0, T0.plusSeconds(5), 640, 480, chunk.length,
                FileHash.hex(FileHash.sha256(chunk)), false, ChunkRecord.GENESIS);
        ObjectNode m = Json.mapper().createObjectNode().put("sessionId", "s-1").put("final", true).put("chainHead", r.hash());
        m.putArray("chunks").add(Json.mapper().valueToTree(r));
        Files.writeString(dir.resolve("manifest.json"), Json.mapper().writeValueAsString(m));
        Files.writeString(dir.resolve("session.json"), sessionJson);
    }

    @Test
    void aSessionJsonWithoutItsIdIsADocumentFindingNotACrash() throws Exception {
        write("000001.mp4", "{\"user\": {\"value\": \"alice\", \"source\": \"x\"}}");
        Verifier.Report r = Verifier.verify(Session.load(new FolderSessionFiles(dir)), Verifier.Listener.NONE);
        assertThat(r.intact()).isFalse();
        assertThat(r.problems()).extracting(Object::toString).containsExactly("DOCUMENT: session.json lacks \"sessionId\"");
    }

    @Test
    void anEntryNamingAnotherFileIsAChainFinding() throws Exception {
        write("../000001.mp4", "{}");
        Verifier.Report r = Verifier.verify(Session.load(new FolderSessionFiles(dir)), Verifier.Listener.NONE);
        assertThat(r.problems()).extracting(Object::toString).contains(
                "CHAIN chunk 1: entry names file \"../000001.mp4\", but the recorder names chunk 1 000001.mp4",
                "MISSING chunk 1: missing: ../000001.mp4",
                "EXTRA: chunks/000001.mp4 (18 bytes) is stored but not in the manifest");
    }
}
