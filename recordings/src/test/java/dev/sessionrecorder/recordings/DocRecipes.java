package dev.sessionrecorder.recordings;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The recipes of docs/recordings.md, run as written: every line of a {@code bash} block that starts with
 * {@code recordings } is handed to bash unchanged (redirections and relative paths included), in one
 * working folder, in the doc's order, with {@code recordings} on the PATH. The only change is where S3
 * is: the connection flags of the test server go after the subcommand of a line that names a bucket.
 */
final class DocRecipes {
    static final Path DOC = Path.of("..", "docs", "recordings.md");
    private static final Pattern EXIT = Pattern.compile("\\bexits? (\\d)\\b");

    /** One command of the doc, the line it is on, and the exit code the prose before its block promises (0 unless it says). */
    record Recipe(int line, String command, int expectedExit) {
        String subcommand() {
            return command.split("\\s+")[1];
        }

        @Override
        public String toString() {
            return "docs/recordings.md:" + line + ": " + command;
        }
    }

    record Result(int code, String out, String err) {
        @Override
        public String toString() {
            return "exit " + code + "\n--- stdout\n" + out + "--- stderr\n" + err;
        }
    }

    static List<Recipe> read() throws IOException {
        List<String> lines = Files.readAllLines(DOC);
        List<Recipe> recipes = new ArrayList<>();
        StringBuilder paragraph = new StringBuilder();
        boolean bash = false;
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            if (line.startsWith("```")) {
                bash = line.strip().equals("```bash");
                continue;
            }
            if (bash && line.startsWith("recordings ")) {
                Matcher exit = EXIT.matcher(paragraph);
                recipes.add(new Recipe(i + 1, line.strip(), exit.find() ? Integer.parseInt(exit.group(1)) : 0));
            } else if (!bash) {
                // The prose right before a block is what it promises, e.g. "(exit 0 only when intact)".
                paragraph = line.isBlank() ? new StringBuilder() : paragraph.append(line).append(' ');
            }
        }
        return recipes;
    }

    private final Path workDir;
    private final Path bin;
    private final List<String> connection;

    /**
     * @param connection the flags that point {@code recordings} at the test server ({@code --endpoint ...})
     */
    DocRecipes(Path workDir, List<String> connection) throws IOException {
        this.workDir = Files.createDirectories(workDir);
        this.connection = connection;
        // Stands in for the distribution's bin/recordings: the same main class, run by this JVM's java with the
        // test classpath (the zip's lib/ does not exist in the test phase). C1 only and the serial collector:
        // a short command starts about a second sooner on the 2 cores the suite shares.
        bin = Files.createDirectories(workDir.resolveSibling(workDir.getFileName() + "-bin"));
        Path launcher = bin.resolve("recordings");
        String java = ProcessHandle.current().info().command().orElse("java");
        Files.writeString(launcher, "#!/bin/sh\nexec '" + java + "' -Xmx256m -XX:TieredStopAtLevel=1 -XX:+UseSerialGC -cp '" + System.getProperty("java.class.path")
                + "' dev.sessionrecorder.recordings.cli.RecordingsCli \"$@\"\n");
        launcher.toFile().setExecutable(true);
    }

    Path workDir() {
        return workDir;
    }

    Result run(Recipe recipe) throws Exception {
        String command = recipe.command();
        if (command.contains("--bucket ")) {
            String sub = "recordings " + recipe.subcommand();
            command = sub + " " + String.join(" ", connection) + command.substring(sub.length());
        }
        ProcessBuilder pb = new ProcessBuilder("bash", "-c", command).directory(workDir.toFile());
        pb.environment().put("PATH", bin + ":" + System.getenv("PATH"));
        pb.environment().put("AWS_EC2_METADATA_DISABLED", "true"); // never ask a metadata service
        Path out = Files.createTempFile(bin, "out", ".txt");
        Path err = Files.createTempFile(bin, "err", ".txt");
        Process p = pb.redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        if (!p.waitFor(120, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError(recipe + " did not finish within 120 s");
        }
        return new Result(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8), Files.readString(err, StandardCharsets.UTF_8));
    }
}
