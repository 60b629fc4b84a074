package dev.sessionrecorder.installer;

import static dev.sessionrecorder.installer.SessionScriptsInstallTest.HOOKS;
import static dev.sessionrecorder.installer.SessionScriptsInstallTest.OURS;
import static dev.sessionrecorder.installer.SessionScriptsInstallTest.VENDOR_SYSTEM_START;
import static dev.sessionrecorder.installer.SessionScriptsInstallTest.VENDOR_USER_ENTRIES;
import static dev.sessionrecorder.installer.SessionScriptsInstallTest.VENDOR_USER_ENTRIES_WITH_OURS;
import static dev.sessionrecorder.installer.SessionScriptsInstallTest.crlf;
import static org.assertj.core.api.Assertions.assertThat;

import dev.sessionrecorder.installer.ScriptsOutcome.Changed;
import dev.sessionrecorder.installer.ScriptsOutcome.Refused;
import dev.sessionrecorder.installer.ScriptsOutcome.Unchanged;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.DisabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

class SessionScriptsFileTest {
    private static final byte[] BOM = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};
    private static final FileTime LONG_AGO = FileTime.from(Instant.parse("2024-01-02T03:04:05Z"));

    @TempDir
    Path dir;

    @Test
    void absentFileIsCreatedWithItsFolderAndNoBackup() throws IOException {
        SessionScriptsFile scripts = new SessionScriptsFile(dir.resolve("AppStream/SessionScripts/config.json"));

        ScriptsOutcome first = scripts.install(HOOKS, false);

        assertThat(first).isInstanceOf(Changed.class);
        assertThat(Files.readString(scripts.path())).isEqualTo(crlf(OURS));
        assertThat(scripts.backup()).doesNotExist();
        assertUnchangedByASecondRun(scripts);
    }

    @Test
    void powerShellFileWithBomIsBackedUpOnceAndKeepsItsBom() throws IOException {
        Path file = dir.resolve("config.json");
        byte[] original = withBom(crlf(VENDOR_USER_ENTRIES));
        Files.write(file, original);
        SessionScriptsFile scripts = new SessionScriptsFile(file);

        Changed first = (Changed) scripts.install(HOOKS, false);

        assertThat(first.changes()).last().isEqualTo("kept the original file as " + scripts.backup());
        assertThat(Files.readAllBytes(file)).isEqualTo(withBom(crlf(VENDOR_USER_ENTRIES_WITH_OURS)));
        assertThat(Files.readAllBytes(scripts.backup())).isEqualTo(original);
        assertUnchangedByASecondRun(scripts);

        // A reinstall under another root changes the file again, but the backup keeps the very first original.
        Changed moved = (Changed) scripts.install(HookFiles.under("D:\\Recorder"), false);
        assertThat(moved.changes()).noneMatch(c -> c.startsWith("kept the original"));
        assertThat(Files.readString(file)).contains("D:\\\\Recorder\\\\bin\\\\session-start.bat");
        assertThat(Files.readAllBytes(scripts.backup())).isEqualTo(original);

        assertThat(scripts.uninstall()).isInstanceOf(Changed.class);
        assertThat(Files.readAllBytes(scripts.backup())).isEqualTo(original);
        assertThat(scripts.uninstall()).isInstanceOf(Unchanged.class);
        assertNoTemporaryFilesLeft();
    }

    @Test
    void malformedFileIsNeverTouchedEvenWithReplace() throws IOException {
        Path file = dir.resolve("config.json");
        Files.writeString(file, "{\"SessionStart\": {\"executables\": [,]}}");
        Files.setLastModifiedTime(file, LONG_AGO);
        SessionScriptsFile scripts = new SessionScriptsFile(file);

        ScriptsOutcome outcome = scripts.install(HOOKS, true);

        assertThat(outcome).isInstanceOfSatisfying(Refused.class, r -> {
            assertThat(r.reason()).isEqualTo(Refused.Reason.NOT_JSON);
            assertThat(r.message()).startsWith(file + " is not valid JSON: ").contains("line 1, column 35.");
        });
        assertThat(Files.readString(file)).isEqualTo("{\"SessionStart\": {\"executables\": [,]}}");
        assertThat(Files.getLastModifiedTime(file)).isEqualTo(LONG_AGO);
        assertThat(scripts.backup()).doesNotExist();
        assertNoTemporaryFilesLeft();
    }

    @Test
    void anotherProductsSystemEntryIsLeftAloneWithoutReplace() throws IOException {
        Path file = dir.resolve("config.json");
        Files.writeString(file, VENDOR_SYSTEM_START);
        SessionScriptsFile scripts = new SessionScriptsFile(file);

        assertThat(scripts.install(HOOKS, false)).isInstanceOfSatisfying(Refused.class, r -> assertThat(r.message())
                .startsWith(file + ": SessionStart already runs \"C:\\Vendor\\start.exe\"").contains("--replace"));
        assertThat(Files.readString(file)).isEqualTo(VENDOR_SYSTEM_START);
        assertThat(scripts.backup()).doesNotExist();

        assertThat(scripts.install(HOOKS, true)).isInstanceOf(Changed.class);
        assertThat(Files.readString(scripts.backup())).isEqualTo(VENDOR_SYSTEM_START);
    }

    @Test
    void utf16FileIsRefusedWithTheReasonAndLeftAlone() throws IOException {
        Path file = dir.resolve("config.json");
        byte[] utf16 = ("\uFEFF" + OURS).getBytes(StandardCharsets.UTF_16LE);
        Files.write(file, utf16);

        ScriptsOutcome outcome = new SessionScriptsFile(file).uninstall();

        assertThat(outcome).isEqualTo(new Refused(Refused.Reason.NOT_JSON, file + " is not UTF-8 text (it is UTF-16, which "
                + "Windows PowerShell 5's Out-File and > write). Nothing was changed: save it as UTF-8, e.g. Set-Content "
                + "-Encoding UTF8, then run this again."));
        assertThat(Files.readAllBytes(file)).isEqualTo(utf16);
    }

    @Test
    @DisabledOnOs(OS.WINDOWS)
    void rewriteKeepsTheFilesPermissions() throws IOException {
        Path file = dir.resolve("config.json");
        Files.writeString(file, VENDOR_USER_ENTRIES);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));

        new SessionScriptsFile(file).install(HOOKS, false);

        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-r--r--");
    }

    private void assertUnchangedByASecondRun(SessionScriptsFile scripts) throws IOException {
        Files.setLastModifiedTime(scripts.path(), LONG_AGO);
        byte[] bytes = Files.readAllBytes(scripts.path());

        assertThat(scripts.install(HOOKS, false)).isInstanceOf(Unchanged.class);
        assertThat(scripts.install(HOOKS, true)).isInstanceOf(Unchanged.class);

        assertThat(Files.readAllBytes(scripts.path())).isEqualTo(bytes);
        assertThat(Files.getLastModifiedTime(scripts.path())).isEqualTo(LONG_AGO);
    }

    private void assertNoTemporaryFilesLeft() throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString())).allMatch(n -> !n.endsWith(".tmp"));
        }
    }

    private static byte[] withBom(String text) {
        byte[] body = text.getBytes(StandardCharsets.UTF_8);
        byte[] out = new byte[BOM.length + body.length];
        System.arraycopy(BOM, 0, out, 0, BOM.length);
        System.arraycopy(body, 0, out, BOM.length, body.length);
        return out;
    }
}
