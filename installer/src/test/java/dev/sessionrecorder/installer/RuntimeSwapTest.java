package dev.sessionrecorder.installer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
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

    /** Windows refuses to rename a folder while a file under it is open; a scanner lets go within seconds. */
    @Test
    void aRenameThatFailsWhileAFileIsOpenIsRetriedWithoutRealSleeps() throws IOException {
        Layout layout = new Layout(Files.createDirectories(dir.resolve("root")));
        RuntimeSwap.install(layout, new RuntimeSwap.Folder(runtime("old/jre", "17.0.13")));
        FailingMoves held = new FailingMoves(3);
        List<java.time.Duration> slept = new ArrayList<>();

        new RuntimeSwap(FolderMoves.patient(held, slept::add)).swap(layout, new RuntimeSwap.Folder(runtime("new/jre", "17.0.15")));

        assertThat(layout.jre().resolve("bin/java")).hasContent("java 17.0.15");
        assertThat(slept).extracting(java.time.Duration::toMillis).containsExactly(100L, 200L, 400L);
    }

    @Test
    void aRuntimeHeldOpenForLongerThanTenSecondsStaysAndTheErrorSaysWhatToStop() throws IOException {
        Layout layout = new Layout(Files.createDirectories(dir.resolve("root")));
        RuntimeSwap.install(layout, new RuntimeSwap.Folder(runtime("old/jre", "17.0.13")));
        List<java.time.Duration> slept = new ArrayList<>();
        RuntimeSwap swap = new RuntimeSwap(FolderMoves.patient(new FailingMoves(Integer.MAX_VALUE), slept::add));

        assertThatThrownBy(() -> swap.swap(layout, new RuntimeSwap.Folder(runtime("new/jre", "17.0.15"))))
                .hasMessage("could not put the new runtime in place at " + layout.jre() + " (java.nio.file.FileSystemException: "
                        + layout.jre() + ": The process cannot access the file because it is being used by another process); the "
                        + "previous one stays. Fix: end the sessions and stop any recorder running from " + layout.jre()
                        + ", then run install again");

        assertThat(layout.jre().resolve("bin/java")).hasContent("java 17.0.13");
        assertThat(slept.stream().mapToLong(java.time.Duration::toMillis).sum()).isBetween(10_000L, 11_000L);
        try (var rest = Files.list(layout.root())) {
            assertThat(rest.map(p -> p.getFileName().toString())).containsExactly("jre");
        }
    }

    /** An install that died between moving jre/ aside and moving the new one in left the only runtime as jre-previous-*. */
    @Test
    void aPreviousRuntimeLeftWithoutAJreIsRestoredNotDeleted() throws IOException {
        Layout layout = new Layout(Files.createDirectories(dir.resolve("root")));
        RuntimeSwap.install(layout, new RuntimeSwap.Folder(runtime("old/jre", "17.0.13")));
        Files.move(layout.jre(), layout.root().resolve("jre-previous-123"));
        RuntimeSwap.Source diskFull = new RuntimeSwap.Source() {
            @Override
            public void copyInto(Path target) throws IOException {
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

    /** Fails the first {@code failures} renames of jre/ the way Windows does while a file under it is open (ERROR_SHARING_VIOLATION). */
    private static final class FailingMoves implements FolderMoves {
        private int failures;

        FailingMoves(int failures) {
            this.failures = failures;
        }

        @Override
        public void move(Path from, Path to) throws IOException {
            if (from.getFileName().toString().equals("jre") && failures > 0) {
                failures--;
                throw new java.nio.file.FileSystemException(from.toString(), null,
                        "The process cannot access the file because it is being used by another process");
            }
            FolderMoves.ATOMIC.move(from, to);
        }
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
