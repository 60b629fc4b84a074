package dev.sessionrecorder.installer;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Doctor's launcher check against the launchers this build ships and against ones that would let a user plant a DLL. */
class LauncherCheckTest {
    @TempDir
    Path dir;

    @Test
    void everyLauncherThisBuildShipsKeepsJnaAndTempFilesInTheRoot() throws Exception {
        Layout layout = new Layout(dir);
        Files.createDirectories(layout.bin());
        for (Path folder : List.of(Path.of("..", "session-hooks", "src", "main", "dist", "bin"),
                Path.of("src", "main", "dist", "windows", "bin"), Path.of("src", "main", "dist", "linux", "bin"))) {
            try (var files = Files.list(folder)) {
                for (Path f : files.toList()) {
                    Files.copy(f, layout.bin().resolve(f.getFileName()));
                }
            }
        }

        Doctor.Check check = LauncherCheck.run(layout);

        assertThat(check.status()).as(check.detail()).isEqualTo(Doctor.Status.PASS);
        assertThat(check.detail()).startsWith("10 launchers");
    }

    @Test
    void aLauncherWithoutJnaTmpdirFailsByName() throws Exception {
        Layout layout = new Layout(dir);
        Files.createDirectories(layout.bin());
        // session-start.bat as it was before jna.tmpdir: JNA would unpack into C:\Windows\Temp\jna-<hash>.
        Files.writeString(layout.bin().resolve("session-start.bat"), "@echo off\r\nset \"ROOT=%~dp0..\"\r\n"
                + "\"%JAVA%\" -Xmx128m \"-Dorg.bytedeco.javacpp.cachedir=%ROOT%\\cache\" -cp \"%ROOT%\\lib\\*\" "
                + "dev.sessionrecorder.hooks.HooksCli session-start\r\n");

        Doctor.Check check = LauncherCheck.run(layout);

        assertThat(check.status()).isEqualTo(Doctor.Status.FAIL);
        assertThat(check.detail()).isEqualTo("session-start.bat does not set -Djna.tmpdir; session-start.bat does not set "
                + "-Djava.io.tmpdir");
        assertThat(check.fix()).contains("run install again").contains(layout.cache().toString());
    }

    @Test
    void aTmpdirOutsideTheRootOrBehindAnotherVariableFails() throws Exception {
        Layout layout = new Layout(dir);
        Files.createDirectories(layout.bin());
        Files.writeString(layout.bin().resolve("session-end.bat"), "\"%JAVA%\" \"-Djna.tmpdir=%TEMP%\\jna\" "
                + "\"-Djava.io.tmpdir=%ROOT%\\..\\tmp\" -cp x Main\r\n");
        Files.writeString(layout.bin().resolve("recorder"), "exec java -Djna.tmpdir=/tmp/jna -Djava.io.tmpdir=$root/cache/tmp Main\n");

        Doctor.Check check = LauncherCheck.run(layout);

        assertThat(check.status()).isEqualTo(Doctor.Status.FAIL);
        assertThat(check.detail()).isEqualTo("recorder sets -Djna.tmpdir=/tmp/jna, outside the locked " + dir
                + "; session-end.bat sets -Djna.tmpdir=%TEMP%\\jna, outside the locked " + dir
                + "; session-end.bat sets -Djava.io.tmpdir=%ROOT%\\..\\tmp, outside the locked " + dir);
    }
}
