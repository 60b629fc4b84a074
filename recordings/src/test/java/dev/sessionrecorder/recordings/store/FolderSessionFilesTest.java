package dev.sessionrecorder.recordings.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sessionrecorder.core.spool.Spool;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A downloaded session folder: names from S3 or a manifest never become paths outside it. */
class FolderSessionFilesTest {
    @TempDir
    Path dir;

    @Test
    void onlyPlainNamesBecomePaths() {
        FolderSessionFiles f = new FolderSessionFiles(dir);
        assertThat(f.chunkPath("000001.mp4")).isEqualTo(dir.resolve("chunks").resolve("000001.mp4"));
        assertThat(f.chunkPath("1234567.mp4")).isEqualTo(dir.resolve("chunks").resolve("1234567.mp4"));
        for (String bad : new String[] {"..", ".", "", "../000001.mp4", "a/000001.mp4", "..\\..\\x.mp4", "C:000001.mp4",
                "000001.mp4.", "000001.mp4 ", "1.mp4", "notes.txt", "000001.mp4\u0000"}) {
            assertThat(Spool.isChunkFileName(bad)).as(bad).isFalse();
            assertThatThrownBy(() -> f.chunkPath(bad)).as(bad).isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Test
    void partialDownloadsAreNotStoredChunks() throws Exception {
        Files.createDirectories(dir.resolve("chunks"));
        Files.writeString(dir.resolve("chunks").resolve("000001.mp4"), "abc");
        Files.writeString(dir.resolve("chunks").resolve("000002.mp4.part"), "ab");
        Files.writeString(dir.resolve("manifest.json"), "{}");
        FolderSessionFiles f = new FolderSessionFiles(dir);
        assertThat(FolderSessionFiles.isSessionFolder(dir)).isTrue();
        assertThat(f.chunks()).containsExactly(new SessionFiles.StoredObject("000001.mp4", 3));
        try (var in = f.openChunk("000001.mp4", 1)) {
            assertThat(new String(in.readAllBytes())).isEqualTo("bc");
        }
    }
}
