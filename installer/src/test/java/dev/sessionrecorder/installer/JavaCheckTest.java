package dev.sessionrecorder.installer;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.DisabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/**
 * Doctor's java check resolves java as the launchers do and runs it: real executables here (this JDK's java,
 * and a script that answers like an old Java), the machine PATH given as a list of folders.
 */
@DisabledOnOs(OS.WINDOWS)
class JavaCheckTest {
    private static final Path THIS_JAVA = Path.of(ProcessHandle.current().info().command().orElseThrow());

    @TempDir
    Path dir;

    @Test
    void noJavaInJreAndNoneOnTheMachinePathFailsWithTheFix() throws Exception {
        Layout layout = new Layout(dir.resolve("root"));
        Path empty = Files.createDirectories(dir.resolve("empty-bin"));

        Doctor.Check check = new JavaCheck(layout, path(empty), false).run();

        assertThat(check.status()).isEqualTo(Doctor.Status.FAIL);
        assertThat(check.detail()).isEqualTo("no " + layout.jre().resolve("bin/java") + " and no java on the PATH the launchers get ("
                + empty + "): every hook would fail to start");
        assertThat(check.fix()).startsWith("installer install --root " + layout.root() + " --jre <a Java 17+ JDK or JRE zip")
                .contains("--jre-sha256 <its SHA-256>").endsWith("or put a Java 17+ on the PATH");
    }

    @Test
    void theInstallsOwnRuntimeComesFirstAndIsRun() throws Exception {
        Layout layout = new Layout(dir.resolve("root"));
        Files.createDirectories(layout.jre().resolve("bin"));
        Files.createSymbolicLink(layout.jre().resolve("bin/java"), THIS_JAVA);

        Doctor.Check check = new JavaCheck(layout, path(oldJavaFolder()), false).run();

        assertThat(check.status()).as(check.detail()).isEqualTo(Doctor.Status.PASS);
        assertThat(check.detail()).startsWith("Java " + System.getProperty("java.version") + " (amd64) at " + layout.jre().resolve("bin/java"))
                .endsWith("the install's own runtime");
    }

    @Test
    void anOldJavaOnTheMachinePathFails() throws Exception {
        Layout layout = new Layout(dir.resolve("root"));

        Doctor.Check check = new JavaCheck(layout, path(Files.createDirectories(dir.resolve("empty")), oldJavaFolder()), false).run();

        assertThat(check.status()).isEqualTo(Doctor.Status.FAIL);
        assertThat(check.detail()).startsWith("Java 1.8.0_392 (amd64) at " + dir.resolve("old/java"))
                .endsWith(": older than 17, the recorder would not start");
    }

    @Test
    void aJavaThatDoesNotStartIsNamed() throws Exception {
        Path broken = Files.createDirectories(dir.resolve("broken"));
        script(broken.resolve("java"), "echo 'Error: could not open lib/jvm.cfg' >&2; exit 1");

        Doctor.Check check = new JavaCheck(new Layout(dir.resolve("root")), path(broken), false).run();

        assertThat(check.status()).isEqualTo(Doctor.Status.FAIL);
        assertThat(check.detail()).endsWith("which does not work: " + broken.resolve("java") + " -XshowSettings:properties -version exited with 1: Error: could "
                + "not open lib/jvm.cfg");
    }

    /**
     * The SYSTEM hooks on Windows never search the PATH (a user may be able to create a PATH folder and plant java.exe
     * there), so doctor neither finds nor runs one: a java.exe on the PATH that would leave a mark if run leaves none.
     */
    @Test
    void onWindowsAJavaOnThePathIsNeitherFoundNorRun() throws Exception {
        Layout layout = new Layout(dir.resolve("root"));
        Path planted = Files.createDirectories(dir.resolve("tools-bin"));
        Path ran = dir.resolve("planted-java-ran");
        script(planted.resolve("java.exe"), "touch " + ran + "; " + THIS_JAVA + " \"$@\"");
        script(planted.resolve("java"), "touch " + ran + "; " + THIS_JAVA + " \"$@\"");

        Doctor.Check check = new JavaCheck(layout, path(planted), true).run();

        assertThat(check.status()).isEqualTo(Doctor.Status.FAIL);
        assertThat(check.detail()).isEqualTo("no " + layout.jre().resolve("bin").resolve("java.exe") + ": the hooks run only that "
                + "java.exe (never one from the PATH), so every hook would fail to start");
        assertThat(check.fix()).isEqualTo("installer install --root " + layout.root() + " --jre <a Java 17+ JDK or JRE zip, e.g. "
                + "Amazon Corretto 17 for Windows x64> --jre-sha256 <its SHA-256>");
        assertThat(ran).as("the planted java was never run").doesNotExist();
    }

    /** Not elevated, doctor cannot read into the locked root: Windows answers ERROR_ACCESS_DENIED, which is not "no runtime". */
    @Test
    void accessDeniedReadingTheRuntimeSaysRunDoctorElevated() {
        Layout layout = new Layout(dir.resolve("root"));
        Path java = layout.jre().resolve("bin").resolve("java.exe");

        Doctor.Check check = new JavaCheck(layout, path(), true, p -> {
            throw new java.nio.file.AccessDeniedException(p.toString());
        }).run();

        assertThat(check.status()).isEqualTo(Doctor.Status.FAIL);
        assertThat(check.detail()).isEqualTo("cannot read " + java + ": access denied, as the locked install is to anyone not elevated");
        assertThat(check.fix()).isEqualTo("run doctor elevated (Run as administrator)");
    }

    /** A java that answers as Corretto 8 does. */
    private Path oldJavaFolder() throws Exception {
        Path old = Files.createDirectories(dir.resolve("old"));
        if (!Files.exists(old.resolve("java"))) {
            script(old.resolve("java"), "cat >&2 <<'EOF'\nProperty settings:\n    java.version = 1.8.0_392\n    os.arch = amd64\n\n"
                    + "openjdk version \"1.8.0_392\"\nEOF");
        }
        return old;
    }

    private static void script(Path file, String body) throws Exception {
        Files.writeString(file, "#!/bin/sh\n" + body + "\n");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
    }

    private static MachinePath path(Path... folders) {
        return () -> new MachinePath.Reading(List.of(folders).stream().map(Path::toString).toList());
    }

    /** A jlinked runtime without jdk.random passes every version check, then fails at the uploader's first retry. */
    @Test
    void aRuntimeLackingAModuleTheRecorderNeedsIsNamed() {
        String listed = "java.base@17.0.15\njava.logging@17.0.15\njdk.crypto.ec@17.0.15\n";
        assertThat(JavaProbe.missing(java.util.List.of("java.base", "jdk.random", "java.logging"), listed)).containsExactly("jdk.random");
        assertThat(JavaProbe.missing(JavaCheck.REQUIRED_MODULES, "")).isEqualTo(JavaCheck.REQUIRED_MODULES);
    }
}
