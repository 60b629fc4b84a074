package dev.sessionrecorder.installer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sessionrecorder.core.spool.FileHash;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What install checks in a --jre zip before it changes anything, on zips shaped like the ones that go wrong. */
class RuntimeZipTest {
    @TempDir
    Path dir;

    @Test
    void aWrongChecksumNamesBothHashesAndTheFix() throws Exception {
        Path zip = zip("corretto.zip", Map.of("jdk/bin/java.exe", "MZ", "jdk/bin/java", "#!"));
        String wrong = "ab".repeat(32);

        assertThatThrownBy(() -> RuntimeZip.check(zip, wrong, true)).isInstanceOf(RuntimeRefused.class)
                .hasMessage("--jre " + zip + " has SHA-256 " + sha(zip) + ", not " + wrong + " as --jre-sha256 says: the download is "
                        + "damaged or is not the file that checksum is for. Fix: download it again and give the checksum its vendor "
                        + "publishes for it; nothing was changed");
    }

    @Test
    void aChecksumThatIsNotOneIsNamed() throws Exception {
        Path zip = zip("corretto.zip", Map.of("jdk/bin/java.exe", "MZ"));

        assertThatThrownBy(() -> RuntimeZip.check(zip, "abc", true)).hasMessageStartingWith("--jre-sha256 \"abc\" is not a SHA-256");
    }

    @Test
    void anEntryClimbingOutOfTheRuntimeFolderIsRefusedAndNothingIsWritten() throws Exception {
        Path zip = zip("evil.zip", Map.of("jdk/bin/java.exe", "MZ", "jdk/../../evil", "planted"));

        assertThatThrownBy(() -> RuntimeZip.check(zip, sha(zip), true)).isInstanceOf(RuntimeRefused.class)
                .hasMessageContaining("--jre " + zip).hasMessageContaining("..").hasMessageEndingWith("nothing was changed");
        try (var files = Files.walk(dir.getParent())) {
            assertThat(files.filter(p -> p.getFileName().toString().equals("evil"))).isEmpty();
        }
    }

    /** zipfs passes a backslash through as part of the name; on Windows it is a separator, and the entry would climb out. */
    @Test
    void anEntryClimbingOutWithBackslashesIsRefusedBeforeAnythingIsWritten() throws Exception {
        Path zip = zip("evil.zip", Map.of("jdk/bin/java.exe", "MZ", "jdk\\..\\..\\evil", "planted", "C:evil", "x"));

        assertThatThrownBy(() -> RuntimeZip.check(zip, sha(zip), true)).isInstanceOf(RuntimeRefused.class)
                .hasMessageStartingWith("--jre " + zip + " has an entry \"")
                .hasMessageEndingWith("refusing it. Fix: use the vendor's own zip; nothing was changed");
    }

    @Test
    void aZipWithoutJavaSaysWhatItHolds() throws Exception {
        Path zip = zip("docs.zip", Map.of("jdk-docs/api/index.html", "<html>", "jdk-docs/legal/LICENSE", "text"));

        assertThatThrownBy(() -> RuntimeZip.check(zip, sha(zip), true))
                .hasMessage("--jre " + zip + " holds api/, legal/ but no jdk-docs/bin/java.exe: it is not a JDK or JRE. Fix: give the "
                        + "JDK or JRE zip for Windows x64 (e.g. Amazon Corretto 17); nothing was changed");
    }

    @Test
    void aLinuxRuntimeOnWindowsIsNamedAsSuch() throws Exception {
        Path zip = zip("linux.zip", Map.of("jdk/bin/java", "ELF"));

        assertThatThrownBy(() -> RuntimeZip.check(zip, sha(zip), true)).hasMessageContaining("holds jdk/bin/java, a runtime for Linux or "
                + "macOS, not bin/java.exe");
    }

    @Test
    void anOldOrForeignRuntimeIsRefusedFromItsReleaseFile() throws Exception {
        Path old = zip("java11.zip", Map.of("jdk/bin/java.exe", "MZ", "jdk/release", "JAVA_VERSION=\"11.0.25\"\nOS_ARCH=\"x86_64\"\n"));
        Path x86 = zip("x86.zip", Map.of("jdk/bin/java.exe", "MZ", "jdk/release", "JAVA_VERSION=\"17.0.13\"\nOS_ARCH=\"x86\"\n"));

        assertThatThrownBy(() -> RuntimeZip.check(old, sha(old), true)).hasMessageContaining("is Java 11.0.25; the recorder needs 17");
        assertThatThrownBy(() -> RuntimeZip.check(x86, sha(x86), true)).hasMessageContaining("is a runtime for x86;");
    }

    @Test
    void unpacksUnderItsTopFolderOrWithoutOne() throws Exception {
        Path wrapped = zip("wrapped.zip", Map.of("amazon-corretto-17/bin/java.exe", "MZ", "amazon-corretto-17/lib/modules", "m"));
        Path flat = zip("flat.zip", Map.of("bin/java.exe", "MZ", "lib/modules", "m"));

        for (Path zip : new Path[] {wrapped, flat}) {
            Path target = Files.createDirectories(dir.resolve("out-" + zip.getFileName()));
            RuntimeZip.check(zip, sha(zip).toUpperCase(java.util.Locale.ROOT), true).copyInto(target);
            assertThat(target.resolve("bin/java.exe")).hasContent("MZ");
            assertThat(target.resolve("lib/modules")).hasContent("m");
        }
    }

    /** The zip the image builder named may be swapped after the check: only a copy inside the locked root is unpacked. */
    @Test
    void aZipSwappedAfterItsCheckIsRefusedAndOnlyThePinnedCopyIsRead() throws Exception {
        Path zip = zip("corretto.zip", Map.of("jdk/bin/java.exe", "MZ"));
        Path scratch = Files.createDirectories(dir.resolve("root/cache/tmp"));
        RuntimeZip checked = RuntimeZip.check(zip, sha(zip), true);

        try (RuntimeSwap.Source pinned = checked.pinnedIn(scratch)) {
            Files.writeString(zip, "replaced after the copy"); // too late: the copy is what gets unpacked
            Path target = Files.createDirectories(dir.resolve("out"));
            pinned.copyInto(target);
            assertThat(target.resolve("bin/java.exe")).hasContent("MZ");
            assertThat(pinned.describe()).isEqualTo(zip.toString());
        }
        try (var left = Files.list(scratch)) {
            assertThat(left).as("the copy is removed").isEmpty();
        }

        assertThatThrownBy(() -> checked.pinnedIn(scratch)).isInstanceOf(RuntimeRefused.class)
                .hasMessageStartingWith("--jre " + zip + " changed after it was checked (SHA-256 now ")
                .hasMessageEndingWith("its runtime was not installed. Fix: make sure nothing else writes the file, then run install again");
        try (var left = Files.list(scratch)) {
            assertThat(left).isEmpty();
        }
    }

    private Path zip(String name, Map<String, String> entries) throws Exception {
        Path zip = dir.resolve(name);
        try (OutputStream out = Files.newOutputStream(zip); ZipOutputStream z = new ZipOutputStream(out)) {
            for (var e : new java.util.TreeMap<>(entries).entrySet()) {
                z.putNextEntry(new ZipEntry(e.getKey()));
                z.write(e.getValue().getBytes(java.nio.charset.StandardCharsets.UTF_8));
                z.closeEntry();
            }
        }
        return zip;
    }

    private static String sha(Path zip) throws Exception {
        return FileHash.hex(FileHash.sha256(zip));
    }
}
