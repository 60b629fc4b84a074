package dev.sessionrecorder.installer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A distribution's jre/ reaches the install whole: copied, kept when equal, old files gone, never half swapped. */
class RuntimeSwapTest {
    @TempDir
    Path dir;

    @Test
    void copiesTheDistributionsRuntimeRecursivelyAndOnlyOnce() throws IOException {
        Layout layout = new Layout(Files.createDirectories(dir.resolve("root")));
        Path jre = runtime("dist/jre", "17.0.15");

        assertThat(RuntimeSwap.install(layout, new RuntimeSwap.Folder(jre))).containsExactly("put the Java runtime from " + jre + " in "
                + layout.jre());
        assertThat(layout.jre().resolve("bin/java")).hasContent("java 17.0.15");
        assertThat(layout.jre().resolve("lib/server/libjvm.so")).hasContent("jvm");
        assertThat(RuntimeSwap.install(layout, new RuntimeSwap.Folder(jre))).as("same runtime again").isEmpty();
        try (var rest = Files.list(layout.root())) {
            assertThat(rest.map(p -> p.getFileName().toString())).containsExactly("jre");
        }
    }

    @Test
    void aNewerRuntimeReplacesTheOldOneWithoutLeavingItsFiles() throws IOException {
        Layout layout = new Layout(Files.createDirectories(dir.resolve("root")));
        RuntimeSwap.install(layout, new RuntimeSwap.Folder(runtime("old/jre", "17.0.13")));
        Files.writeString(layout.jre().resolve("lib/only-in-old.jar"), "old");

        RuntimeSwap.install(layout, new RuntimeSwap.Folder(runtime("new/jre", "17.0.15")));

        assertThat(layout.jre().resolve("bin/java")).hasContent("java 17.0.15");
        assertThat(layout.jre().resolve("lib/only-in-old.jar")).doesNotExist();
    }

    @Test
    void aCopyThatFailsHalfWayLeavesTheOldRuntimeAndNoStaging() throws IOException {
        Layout layout = new Layout(Files.createDirectories(dir.resolve("root")));
        RuntimeSwap.install(layout, new RuntimeSwap.Folder(runtime("old/jre", "17.0.13")));
        RuntimeSwap.Source diskFull = new RuntimeSwap.Source() {
            @Override
            public void copyInto(Path target) throws IOException {
                Files.createDirectories(target.resolve("bin"));
                Files.writeString(target.resolve("bin/java"), "java 17.0.15");
                throw new IOException("No space left on device");
            }

            @Override
            public String describe() {
                return "a zip on a full disk";
            }
        };

        assertThatThrownBy(() -> RuntimeSwap.install(layout, diskFull)).hasMessage("No space left on device");

        assertThat(layout.jre().resolve("bin/java")).hasContent("java 17.0.13");
        try (var rest = Files.list(layout.root())) {
            assertThat(rest.map(p -> p.getFileName().toString())).containsExactly("jre");
        }
    }

    /**
     * Copying with COPY_ATTRIBUTES carries each file's owner and DACL on Windows (a user-owned file in the unzipped
     * folder stays theirs in the locked root) and its timestamps everywhere: a copy that keeps the source's 2001 mtime
     * was made with it. The mode must still come along, or bin/java would not run.
     */
    @Test
    void theDistributionsRuntimeIsCopiedWithoutItsFileAttributesButStaysExecutable() throws IOException {
        Layout layout = new Layout(Files.createDirectories(dir.resolve("root")));
        Path jre = runtime("dist/jre", "17.0.15");
        java.nio.file.attribute.FileTime old = java.nio.file.attribute.FileTime.fromMillis(978_307_200_000L);
        Files.setLastModifiedTime(jre.resolve("bin/java"), old);
        Files.setPosixFilePermissions(jre.resolve("bin/java"), java.nio.file.attribute.PosixFilePermissions.fromString("rwxr-x---"));

        RuntimeSwap.install(layout, new RuntimeSwap.Folder(jre));

        assertThat(Files.getLastModifiedTime(layout.jre().resolve("bin/java"))).isNotEqualTo(old);
        assertThat(java.nio.file.attribute.PosixFilePermissions.toString(Files.getPosixFilePermissions(layout.jre().resolve("bin/java"))))
                .isEqualTo("rwxr-x---");
    }

    private Path runtime(String where, String version) throws IOException {
        Path jre = dir.resolve(where);
        Files.createDirectories(jre.resolve("bin"));
        Files.createDirectories(jre.resolve("lib/server"));
        Files.writeString(jre.resolve("bin/java"), "java " + version);
        Files.writeString(jre.resolve("lib/server/libjvm.so"), "jvm");
        return jre;
    }
}
