package dev.sessionrecorder.installer;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** uninstall's check that it does not run from what it removes, with class paths as the launchers produce them. */
class RunningCodeTest {
    @TempDir
    Path dir;

    @Test
    void aJarReachedThroughBinDotDotLibIsHeld() throws Exception {
        Layout layout = new Layout(dir.resolve("root"));
        Path jar = Files.createDirectories(layout.lib()).resolve("installer.jar");
        Files.writeString(jar, "jar");
        String classPath = dir.resolve("elsewhere.jar") + File.pathSeparator + layout.bin().resolve("..").resolve("lib").resolve("installer.jar");

        assertThat(RunningCode.heldOpen(layout, classPath, "/usr/lib/jvm/java-17")).contains(jar.toRealPath());
    }

    @Test
    void theInstallsOwnJavaIsHeldToo() throws Exception {
        Layout layout = new Layout(dir.resolve("root"));
        Files.createDirectories(layout.jre());

        assertThat(RunningCode.heldOpen(layout, dir.resolve("unzipped/lib/installer.jar").toString(), layout.jre().toString())).isPresent();
    }

    @Test
    void runningFromTheUnpackedZipIsFine() throws Exception {
        Layout layout = new Layout(dir.resolve("root"));
        Files.createDirectories(layout.lib());

        assertThat(RunningCode.heldOpen(layout, dir.resolve("unzipped/lib/installer.jar").toString(), "/usr/lib/jvm/java-17")).isEmpty();
        assertThat(RunningCode.heldOpen(layout, "", "")).isEmpty();
    }
}
