package dev.sessionrecorder.installer;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.jna.platform.win32.WinNT;
import dev.sessionrecorder.installer.Win32Security.Ace;
import dev.sessionrecorder.installer.Win32Security.DaclReading;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * Install with the Windows lock over a fake Win32 layer that answers as Windows does (see {@link FakeWin32Security}),
 * on the scenario the review found: a first run that was not elevated created the root open to Users and failed with
 * 1307; before the elevated rerun a user planted jre\bin\java.exe and a same-bytes copy of a jar in lib\, both theirs.
 */
class InstallLockTest {
    @TempDir
    Path dir;

    private final FakeWin32Security win32 = new FakeWin32Security();

    @Test
    void aRunThatIsNotElevatedChangesNothingAndSaysHowToRun() throws Exception {
        win32.elevated = false;
        Path root = dir.resolve("SessionRecording");

        Result r = install(root);

        assertThat(r.exit()).isEqualTo(InstallerCli.REFUSED);
        assertThat(r.err()).isEqualTo("run the installer from an elevated prompt (Run as administrator); nothing was changed\n");
        assertThat(root).doesNotExist();
        assertThat(dir.resolve("AppStream")).doesNotExist();
        assertThat(win32.calls).isEmpty();
    }

    @Test
    void filesAUserPlantedBeforeTheElevatedRunEndOwnedByAdministratorsWithOnlyInheritedEntries() throws Exception {
        Path root = dir.resolve("SessionRecording");
        Path planted = Files.createDirectories(root.resolve("jre/bin")).resolve("java.exe");
        Files.writeString(planted, "MZ theirs");
        Path sameBytes = Files.createDirectories(root.resolve("lib")).resolve("recorder.jar");
        Files.writeString(sameBytes, "the recorder's jar"); // what mirror would leave in place as "unchanged"
        for (Path p : List.of(planted, sameBytes)) {
            win32.dacls.put(p.toString(), new DaclReading(0, 0x4, FakeWin32Security.USER,
                    List.of(new Ace(0, 0, 0x1F01FF, FakeWin32Security.USER), new Ace(0, WinNT.INHERITED_ACE, 0x1F01FF, "S-1-5-32-544"))));
        }

        Result r = install(root);

        assertThat(r.exit()).as(r.err()).isZero();
        for (Path p : List.of(planted, sameBytes, root.resolve("bin/session-start.bat"))) {
            DaclReading d = win32.readDacl(p.toString());
            assertThat(d.owner()).as("owner of %s", p).isEqualTo(WindowsFolderLock.ADMINISTRATORS);
            assertThat(d.aces()).as("entries of %s", p).allMatch(a -> (a.flags() & WinNT.INHERITED_ACE) != 0)
                    .extracting(Ace::sid).containsExactly(WindowsFolderLock.SYSTEM, WindowsFolderLock.ADMINISTRATORS);
        }
        WindowsFolderLock lock = new WindowsFolderLock(win32, root);
        for (Path f : new Layout(root).contentChecked()) {
            assertThat(lock.verifyContents(f).problems()).as("doctor on %s", f).isEmpty();
        }
    }

    record Result(int exit, String err) {}

    private Result install(Path root) throws Exception {
        win32.machine(dir);
        Path dist = dir.resolve("dist");
        Files.createDirectories(dist.resolve("bin"));
        Files.createDirectories(dist.resolve("lib"));
        Files.writeString(dist.resolve("bin/session-start.bat"), "@echo off\r\n");
        Files.writeString(dist.resolve("lib/recorder.jar"), "the recorder's jar");
        InstallCommand command = new InstallCommand();
        command.locks = r -> new WindowsFolderLock(win32, r);
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        PrintStream before = System.err;
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
        try {
            int exit = new CommandLine(command).execute("--from", dist.toString(), "--root", root.toString(), "--bucket", "recordings",
                    "--region", "eu-west-1", "--appstream-config", dir.resolve("AppStream/config.json").toString(), "--skip-doctor");
            return new Result(exit, err.toString(StandardCharsets.UTF_8));
        } finally {
            System.setErr(before);
        }
    }
}
