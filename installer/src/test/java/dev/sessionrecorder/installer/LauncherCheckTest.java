package dev.sessionrecorder.installer;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Doctor's launcher check against the hooks this build ships and against ones that would let a user plant a DLL or a java.exe. */
class LauncherCheckTest {
    private static final String START = "@echo off\r\nfor %%I in (\"%~dp0..\") do set \"ROOT=%%~fI\"\r\nset \"JAVA=%ROOT%\\jre\\bin\\java.exe\"\r\n";

    @TempDir
    Path dir;

    @Test
    void theSystemHooksThisBuildShipsPass() throws Exception {
        Layout windows = layoutWith("windows", Path.of("..", "session-hooks", "src", "main", "dist", "bin"));
        Layout linux = layoutWith("linux", Path.of("src", "main", "dist", "linux", "bin"));

        Doctor.Check onWindows = LauncherCheck.run(windows, true);
        Doctor.Check onLinux = LauncherCheck.run(linux, false);

        assertThat(onWindows.status()).as(onWindows.detail()).isEqualTo(Doctor.Status.PASS);
        assertThat(onWindows.detail()).isEqualTo("session-start.bat and session-end.bat keep jna.tmpdir and java.io.tmpdir in "
                + windows.cache() + " and run only " + windows.jre().resolve("bin").resolve("java.exe"));
        assertThat(onLinux.status()).as(onLinux.detail()).isEqualTo(Doctor.Status.PASS);
    }

    @Test
    void aHookWithoutJnaTmpdirFailsByName() throws Exception {
        Layout layout = hooks("\"%JAVA%\" -Xmx128m \"-Dorg.bytedeco.javacpp.cachedir=%ROOT%\\cache\" -cp \"%ROOT%\\lib\\*\" "
                + "dev.sessionrecorder.hooks.HooksCli session-start\r\n");

        Doctor.Check check = LauncherCheck.run(layout, true);

        assertThat(check.status()).isEqualTo(Doctor.Status.FAIL);
        assertThat(check.detail()).isEqualTo("session-start.bat does not give the JVM -Djna.tmpdir before its main class; "
                + "session-start.bat does not give the JVM -Djava.io.tmpdir before its main class");
        assertThat(check.fix()).contains("run install again").contains(layout.cache().toString());
    }

    /** A text search passed both: the values are in a comment, or after the main class where they are the program's arguments. */
    @Test
    void aRemLineOrAnOptionAfterTheMainClassSetsNothing() throws Exception {
        Layout layout = hooks("rem \"%JAVA%\" \"-Djna.tmpdir=%ROOT%\\cache\\jna\" \"-Djava.io.tmpdir=%ROOT%\\cache\\tmp\" Main\r\n"
                + "\"%JAVA%\" -cp \"%ROOT%\\lib\\*\" dev.sessionrecorder.hooks.HooksCli \"-Djna.tmpdir=%ROOT%\\cache\\jna\" "
                + "\"-Djava.io.tmpdir=%ROOT%\\cache\\tmp\"\r\n");

        Doctor.Check check = LauncherCheck.run(layout, true);

        assertThat(check.status()).isEqualTo(Doctor.Status.FAIL);
        assertThat(check.detail()).contains("session-start.bat does not give the JVM -Djna.tmpdir before its main class");
    }

    /** The fallback the hooks had: cmd.exe finds java.exe in the current folder or any PATH folder a user could create. */
    @Test
    void aHookThatFallsBackToJavaOnThePathFails() throws Exception {
        Layout layout = hooks("if not exist \"%JAVA%\" set \"JAVA=java.exe\"\r\n\"%JAVA%\" \"-Djna.tmpdir=%ROOT%\\cache\\jna\" "
                + "\"-Djava.io.tmpdir=%ROOT%\\cache\\tmp\" -cp x Main\r\n");

        Doctor.Check check = LauncherCheck.run(layout, true);

        assertThat(check.status()).isEqualTo(Doctor.Status.FAIL);
        assertThat(check.detail()).contains("session-start.bat sets JAVA to java.exe, not %ROOT%\\jre\\bin\\java.exe (cmd.exe would "
                + "look for it in the current folder and on the PATH, where a user may plant one)");
    }

    @Test
    void aTmpdirOutsideTheRootOrBehindAnotherVariableFails() throws Exception {
        Layout layout = hooks("\"%JAVA%\" \"-Djna.tmpdir=%TEMP%\\jna\" \"-Djava.io.tmpdir=%ROOT%\\..\\tmp\" -cp x Main\r\n");
        Files.writeString(layout.bin().resolve("session-start"), "exec java -Djna.tmpdir=/tmp/jna \\\n  -Djava.io.tmpdir=$root/cache/tmp Main\n");
        Files.writeString(layout.bin().resolve("session-end"), "exec java -Djna.tmpdir=$root/cache/jna -Djava.io.tmpdir=$root/cache/tmp Main\n");

        assertThat(LauncherCheck.run(layout, true).detail()).isEqualTo("session-start.bat sets -Djna.tmpdir=%TEMP%\\jna, outside the "
                + "locked " + dir + "; session-start.bat sets -Djava.io.tmpdir=%ROOT%\\..\\tmp, outside the locked " + dir);
        assertThat(LauncherCheck.run(layout, false).detail()).isEqualTo("session-start sets -Djna.tmpdir=/tmp/jna, outside the locked "
                + dir);
    }

    @Test
    void wordsAreSplitAsCmdAndShDo() {
        assertThat(LauncherCheck.words("\"%JAVA%\" -Xmx128m \"-Djna.tmpdir=%ROOT%\\cache\\jna\" -cp \"%ROOT%\\lib\\*\" Main  a"))
                .containsExactly("%JAVA%", "-Xmx128m", "-Djna.tmpdir=%ROOT%\\cache\\jna", "-cp", "%ROOT%\\lib\\*", "Main", "a");
    }

    /** session-start.bat as given, and a session-end.bat that is right, so only the first is named. */
    private Layout hooks(String startBody) throws Exception {
        Layout layout = new Layout(dir);
        Files.createDirectories(layout.bin());
        Files.writeString(layout.bin().resolve("session-start.bat"), START + startBody);
        Files.writeString(layout.bin().resolve("session-end.bat"), START + "\"%JAVA%\" \"-Djna.tmpdir=%ROOT%\\cache\\jna\" "
                + "\"-Djava.io.tmpdir=%ROOT%\\cache\\tmp\" -cp x Main\r\n");
        return layout;
    }

    private Layout layoutWith(String name, Path launchers) throws Exception {
        Layout layout = new Layout(dir.resolve(name));
        Files.createDirectories(layout.bin());
        try (var files = Files.list(launchers)) {
            for (Path f : files.toList()) {
                Files.copy(f, layout.bin().resolve(f.getFileName()));
            }
        }
        return layout;
    }
}
