package dev.sessionrecorder.installer;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * Uninstall while something runs from the install: Windows refuses to rename jre\ while a recorder has its files open.
 * Every folder is renamed aside first, so that refusal leaves the whole install, and the session scripts, as they were.
 */
class UninstallAsideTest {
    @TempDir
    Path dir;

    @Test
    void aFolderInUseLeavesEverythingInPlaceAndNamesWhatToStop() throws Exception {
        Path root = installed();
        Path scripts = scripts();
        String before = Files.readString(scripts);
        UninstallCommand command = new UninstallCommand();
        command.moves = (from, to) -> {
            if (from.getFileName().toString().equals("jre")) {
                throw new FileSystemException(from.toString(), null, "The process cannot access the file because it is being used by "
                        + "another process");
            }
            FolderMoves.ATOMIC.move(from, to);
        };

        Result r = run(command, root, scripts);

        assertThat(r.exit()).isEqualTo(InstallerCli.REFUSED);
        assertThat(r.err()).isEqualTo("Nothing removed: could not move " + root.resolve("jre") + " aside (java.nio.file.FileSystemException: "
                + root.resolve("jre") + ": The process cannot access the file because it is being used by another process), so "
                + "something is still running from it. Fix: end the sessions and stop any recorder running from " + root + ", then "
                + "run uninstall again\n");
        assertThat(names(root)).containsExactlyInAnyOrder("bin", "lib", "jre", "config", "cache", "logs", "spool");
        assertThat(root.resolve("lib/recorder.jar")).exists();
        assertThat(scripts).hasContent(before);
    }

    @Test
    void withNothingInUseEverythingGoesAndAnEarlierInterruptedRunsLeftoversToo() throws Exception {
        Path root = installed();
        Files.createDirectories(root.resolve("lib.removing/old"));

        Result r = run(new UninstallCommand(), root, scripts());

        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(root).doesNotExist();
    }

    private Path installed() throws IOException {
        Path root = dir.resolve("SessionRecording");
        for (String f : List.of("bin/session-start.bat", "lib/recorder.jar", "jre/bin/java.exe", "config/recorder.json", "cache/tmp/x",
                "logs/recorder.log")) {
            Files.createDirectories(root.resolve(f).getParent());
            Files.writeString(root.resolve(f), f);
        }
        Files.createDirectories(root.resolve("spool"));
        return root;
    }

    private Path scripts() throws IOException {
        Path scripts = Files.createDirectories(dir.resolve("AppStream")).resolve("config.json");
        if (!Files.exists(scripts)) {
            Files.writeString(scripts, SessionScriptsInstallTest.OURS);
        }
        return scripts;
    }

    private static List<String> names(Path root) throws IOException {
        try (Stream<Path> files = Files.list(root)) {
            return files.map(p -> p.getFileName().toString()).toList();
        }
    }

    record Result(int exit, String err) {}

    private static Result run(UninstallCommand command, Path root, Path scripts) {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        PrintStream before = System.err;
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
        try {
            int exit = new CommandLine(command).execute("--root", root.toString(), "--appstream-config", scripts.toString());
            return new Result(exit, err.toString(StandardCharsets.UTF_8));
        } finally {
            System.setErr(before);
        }
    }
}
