package dev.sessionrecorder.demo;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sessionrecorder.core.cli.RecorderCli;
import dev.sessionrecorder.core.config.ConfigLoader;
import dev.sessionrecorder.demo.bench.BenchMain;
import dev.sessionrecorder.hooks.HooksCli;
import dev.sessionrecorder.installer.InstallerCli;
import dev.sessionrecorder.recordings.cli.RecordingsCli;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * The documentation cannot drift from the code: every command, option and recorder.json field the code
 * has is named in the doc its reader turns to, and every {@code --flag}, command line and field path the
 * docs name exists. The code is the source: picocli's command specs and {@link ConfigLoader#FIELDS}, the
 * sets the loader itself enforces. Each failure names the file (and line) and the fix.
 */
class DocsDriftTest {
    static final Path REPO = Path.of("..");

    /**
     * A command-line tool and the doc its reader uses. An untyped root is one nobody runs by its picocli
     * name: the hooks' launchers call {@code HooksCli session-start|session-end}, {@code ./demo.sh} and
     * {@code bench/run.sh} call DemoMain and BenchMain; its name and its {@code help} subcommand are not
     * reachable, so they need no docs. Its options still do.
     */
    record Tool(CommandLine cli, String homeDoc, boolean rootTyped) {
    }

    static final List<Tool> TOOLS = List.of(
            new Tool(new CommandLine(new RecorderCli()), "docs/configuration.md", true),
            new Tool(new CommandLine(new HooksCli()), "docs/install-appstream.md", false),
            new Tool(new CommandLine(new InstallerCli()), "docs/install-appstream.md", true),
            new Tool(new CommandLine(new RecordingsCli()), "docs/recordings.md", true),
            new Tool(new CommandLine(new DemoMain()), "CONTRIBUTING.md", false),
            new Tool(new CommandLine(new BenchMain()), "bench/README.md", false));

    /**
     * Flags of other programs that the docs name outside a code line running them, each with the program:
     * it must be named on the same line, so the entry cannot excuse a typo in one of our commands. Keep it
     * to what the docs need (an entry no doc uses fails the test).
     */
    static final Map<String, String> OTHER_TOOLS_FLAGS = Map.ofEntries(
            Map.entry("--gpl", "bench/run.sh"),   // the benchmark script's switch to the -Pgpl build (bench/README.md, design.md)
            Map.entry("--fb", "xrandr"),          // ResolutionChangeTest's xrandr calls, in CONTRIBUTING.md's test table
            Map.entry("--setmonitor", "xrandr"),
            Map.entry("--recursive", "aws"),      // `aws s3 cp --recursive`, the awscli copy RecordingsToolTest verifies
            // docs/iam.md's bucket set-up with the AWS CLI (aws s3api ...)
            Map.entry("--create-bucket-configuration", "aws"), Map.entry("--object-lock-enabled-for-bucket", "aws"),
            Map.entry("--public-access-block-configuration", "aws"), Map.entry("--object-lock-configuration", "aws"),
            Map.entry("--lifecycle-configuration", "aws"), Map.entry("--server-side-encryption-configuration", "aws"),
            Map.entry("--policy", "aws"));

    static final Pattern LONG_FLAG = Pattern.compile("(?<![\\w-])--[A-Za-z][\\w-]*");
    static final Pattern FLAG = Pattern.compile("-{1,2}[A-Za-z][\\w.-]*");
    /** A recorder.json field path such as {@code s3.profileFile} or {@code spool.dir}, not {@code recordings.md}. */
    static final Pattern FIELD_PATH = Pattern.compile("(?<![\\w./-])(?:" + String.join("|", ConfigLoader.FIELDS.get(""))
            + ")(?:\\.[A-Za-z][A-Za-z0-9]*)+(?![\\w-])");
    static final Set<String> SHELLS = Set.of("bash", "sh", "shell", "console", "bat", "cmd", "powershell");
    static final Pattern INLINE_CODE = Pattern.compile("`([^`]+)`");

    /** A piece of code in a doc: an inline span, or one logical line of a fenced block. */
    record Snippet(Doc doc, int line, String text) {
        String at() {
            return doc.name + ":" + line;
        }
    }

    record Doc(String name, List<String> lines, List<Snippet> code) {
        String codeText() {
            return code.stream().map(Snippet::text).collect(Collectors.joining("\n"));
        }
    }

    static List<Doc> docs;

    @BeforeAll
    static void readDocs() throws IOException {
        List<Path> files = new ArrayList<>(List.of(REPO.resolve("README.md"), REPO.resolve("CONTRIBUTING.md"),
                REPO.resolve("bench/README.md")));
        try (Stream<Path> s = Files.walk(REPO.resolve("docs"))) {
            s.filter(p -> p.toString().endsWith(".md")).sorted().forEach(files::add);
        }
        docs = new ArrayList<>();
        for (Path f : files) {
            docs.add(parse(REPO.relativize(f).toString().replace('\\', '/'), Files.readAllLines(f)));
        }
    }

    @Test
    void everyCommandOptionAndHiddenOptionIsDocumentedAsTheCodeSays() {
        List<String> problems = new ArrayList<>();
        for (Tool tool : TOOLS) {
            Doc home = doc(tool.homeDoc());
            String code = home.codeText();
            for (CommandSpec spec : commands(tool.cli().getCommandSpec())) {
                boolean unreachable = !tool.rootTyped() && (spec.parent() == null
                        || spec.parent().parent() == null && spec.name().equals("help"));
                if (!unreachable && !token(spec.name()).matcher(code).find()) {
                    problems.add(home.name() + ": the command `" + spec.qualifiedName() + "` is not named in code (`...`). Fix: describe `"
                            + spec.name() + "` in " + home.name() + ", or remove the command.");
                }
                for (OptionSpec o : spec.options()) {
                    for (String name : o.names()) {
                        if (o.hidden()) {
                            for (Doc d : docs) {
                                for (int i = 0; i < d.lines().size(); i++) {
                                    if (token(name).matcher(d.lines().get(i)).find()) {
                                        problems.add(d.name() + ":" + (i + 1) + ": `" + name + "` is a hidden option of `"
                                                + spec.qualifiedName() + "` (hidden = true: for tests, not users). Fix: remove it from the"
                                                + " docs, or make it a real option (not hidden) if users need it.");
                                    }
                                }
                            }
                        } else if (!token(name).matcher(code).find()) {
                            problems.add(home.name() + ": `" + spec.qualifiedName() + " " + name + "` is not documented there. Fix: add `"
                                    + name + "` to the options of `" + spec.name() + "` in " + home.name()
                                    + " (or mark it hidden = true if only tests use it).");
                        }
                    }
                }
            }
        }
        assertThat(problems).as(String.join("\n", problems)).isEmpty();
    }

    @Test
    void everyRecorderJsonFieldIsInTheConfigurationReference() {
        Doc reference = doc("docs/configuration.md");
        String code = reference.codeText();
        List<String> problems = new ArrayList<>();
        for (String path : fieldPaths()) {
            if (ConfigLoader.FIELDS.get("").contains(path) || token(path).matcher(code).find()) {
                continue; // a section is documented by its fields
            }
            String parent = path.substring(0, path.lastIndexOf('.'));
            String leaf = path.substring(path.lastIndexOf('.') + 1);
            // A field of a nested object may be shown in its parent's row, e.g. {"mode": ..., "retainDays": N}.
            boolean inParentsRow = reference.lines().stream().anyMatch(l -> token(parent).matcher(l).find()
                    && (l.contains("\"" + leaf + "\"") || l.contains("`" + leaf + "`")));
            if (!inParentsRow) {
                problems.add(reference.name() + ": the recorder.json field `" + path + "` (ConfigLoader.FIELDS) is not documented."
                        + " Fix: add a row for `" + path + "` to the field table of " + reference.name() + ".");
            }
        }
        assertThat(problems).as(String.join("\n", problems)).isEmpty();
    }

    @Test
    void everyFlagAndFieldTheDocsNameExists() {
        Set<String> options = new HashSet<>(); // hidden ones too: a documented hidden option is reported above
        for (Tool tool : TOOLS) {
            for (CommandSpec spec : commands(tool.cli().getCommandSpec())) {
                spec.options().forEach(o -> options.addAll(List.of(o.names())));
            }
        }
        Set<String> fields = fieldPaths();
        Set<String> allowlistUsed = new TreeSet<>();
        List<String> problems = new ArrayList<>();
        for (Doc d : docs) {
            for (int i = 0; i < d.lines().size(); i++) {
                String line = d.lines().get(i);
                String at = d.name() + ":" + (i + 1);
                String command = withContinuedLines(d.lines(), i);
                Matcher m = LONG_FLAG.matcher(line);
                while (m.find()) {
                    String flag = m.group();
                    String tool = OTHER_TOOLS_FLAGS.get(flag);
                    if (tool != null && command.contains(tool)) {
                        allowlistUsed.add(flag);
                    } else if (!options.contains(flag)) {
                        problems.add(at + ": `" + flag + "` is not an option of any command (recorder, session-start, session-end,"
                                + " installer, recordings, DemoMain, BenchMain). Fix: correct it to the option the code has, remove it,"
                                + " or, if it belongs to another program, name that program on this line and add the flag to"
                                + " OTHER_TOOLS_FLAGS in " + DocsDriftTest.class.getSimpleName() + ".");
                    }
                }
                Matcher f = FIELD_PATH.matcher(line);
                while (f.find()) {
                    if (!fields.contains(f.group())) {
                        problems.add(at + ": `" + f.group() + "` is not a recorder.json field (ConfigLoader.FIELDS has "
                                + fields.stream().filter(x -> x.startsWith(f.group().substring(0, f.group().indexOf('.') + 1)))
                                .collect(Collectors.joining(", ")) + "). Fix: use the field's real name, or remove it.");
                    }
                }
            }
            for (Snippet s : d.code()) {
                problems.addAll(commandLineProblems(s));
            }
        }
        Set<String> unused = new TreeSet<>(OTHER_TOOLS_FLAGS.keySet());
        unused.removeAll(allowlistUsed);
        for (String flag : unused) {
            problems.add("OTHER_TOOLS_FLAGS in " + DocsDriftTest.class.getSimpleName() + ": `" + flag + "` (" + OTHER_TOOLS_FLAGS.get(flag)
                    + ") is named by no doc any more. Fix: remove the entry.");
        }
        assertThat(problems).as(String.join("\n", problems)).isEmpty();
    }

    /**
     * A code line that runs one of our commands (by its launcher, {@code bin\installer.bat install ...}, or
     * a subcommand name only one tool has, {@code show --tz}) may name only that command's subcommands
     * and options: {@code recordings list --retries} is as wrong as a flag no command has.
     */
    static List<String> commandLineProblems(Snippet s) {
        List<String> words = new ArrayList<>();
        for (String w : s.text().strip().split("\\s+")) {
            if (Set.of("|", ">", ">>", "&&", ";", "#").contains(w) || w.startsWith("#")) {
                break; // the rest is another command, a redirection or a comment
            }
            words.add(w.replaceAll("^[\\[(]+|[\\]),]+$", ""));
        }
        if (words.isEmpty()) {
            return List.of();
        }
        Optional<CommandSpec> run = commandRun(words.get(0));
        if (run.isEmpty()) {
            return List.of();
        }
        CommandSpec spec = run.get();
        List<String> problems = new ArrayList<>();
        for (String w : words.subList(1, words.size())) {
            if (w.startsWith("-")) {
                Matcher m = FLAG.matcher(w);
                String flag = m.lookingAt() ? m.group().replaceAll("[.]+$", "") : w;
                OptionSpec o = spec.findOption(flag);
                if (o == null || o.hidden()) {
                    problems.add(s.at() + ": `" + s.text().strip() + "` gives `" + flag + "`, which `" + spec.qualifiedName()
                            + "` does not have (its options: " + names(spec) + "). Fix: use one of those, or correct the command.");
                }
            } else if (!spec.subcommands().isEmpty() && spec.parent() == null && w.matches("[a-z][a-z-]*")) {
                CommandLine sub = spec.subcommands().get(w);
                if (sub == null) {
                    problems.add(s.at() + ": `" + s.text().strip() + "`: `" + spec.name() + "` has no command `" + w + "` (it has "
                            + String.join(", ", new TreeSet<>(spec.subcommands().keySet())) + "). Fix: name one of those.");
                    break;
                }
                spec = sub.getCommandSpec();
            }
        }
        return problems;
    }

    /**
     * The command a code line starts with: a typed root ({@code recordings}, {@code bin\installer.bat}), a
     * hook launcher ({@code session-start.bat}), or a subcommand name that only one typed tool has.
     */
    static Optional<CommandSpec> commandRun(String first) {
        String name = first.substring(Math.max(first.lastIndexOf('/'), first.lastIndexOf('\\')) + 1).replaceAll("\\.bat$", "");
        Map<String, List<CommandSpec>> byName = new HashMap<>();
        for (Tool tool : TOOLS) {
            CommandSpec root = tool.cli().getCommandSpec();
            if (tool.rootTyped()) {
                byName.computeIfAbsent(root.name(), k -> new ArrayList<>()).add(root);
            }
            for (CommandLine sub : root.subcommands().values()) {
                byName.computeIfAbsent(sub.getCommandName(), k -> new ArrayList<>()).add(sub.getCommandSpec());
            }
        }
        List<CommandSpec> specs = byName.getOrDefault(name, List.of());
        return specs.size() == 1 ? Optional.of(specs.get(0)) : Optional.empty();
    }

    static Set<String> fieldPaths() {
        Set<String> paths = new TreeSet<>();
        ConfigLoader.FIELDS.forEach((object, names) -> names.forEach(n -> paths.add(object.isEmpty() ? n : object + "." + n)));
        return paths;
    }

    static List<CommandSpec> commands(CommandSpec spec) {
        List<CommandSpec> all = new ArrayList<>(List.of(spec));
        spec.subcommands().values().stream().filter(c -> !c.getCommandSpec().usageMessage().hidden())
                .forEach(c -> all.addAll(commands(c.getCommandSpec())));
        return all;
    }

    static String names(CommandSpec spec) {
        return spec.options().stream().filter(o -> !o.hidden()).flatMap(o -> Arrays.stream(o.names()))
                .collect(Collectors.joining(" "));
    }

    /** {@code name} as a whole word: {@code --profile} does not match inside {@code --profile-file}. */
    static Pattern token(String name) {
        return Pattern.compile("(?<![\\w-])" + Pattern.quote(name) + "(?![\\w-])");
    }

    static Doc doc(String name) {
        return docs.stream().filter(d -> d.name().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError(name + " is missing: the docs test reads it"));
    }

    /**
     * Splits a Markdown file into its code: each line of a fenced shell block (a line ending in {@code \} or {@code ^} continues
     * on the next, as in bash and cmd), and each inline span, which may wrap onto the next line.
     */
    /** Line {@code i} with the lines it continues (a shell command split with a trailing backslash): where its program is named. */
    static String withContinuedLines(List<String> lines, int i) {
        int first = i;
        while (first > 0 && lines.get(first - 1).stripTrailing().endsWith("\\")) {
            first--;
        }
        return String.join(" ", lines.subList(first, i + 1));
    }

    static Doc parse(String name, List<String> lines) {
        List<Snippet> code = new ArrayList<>();
        Doc doc = new Doc(name, lines, code);
        StringBuilder prose = new StringBuilder();
        boolean fenced = false;
        boolean shell = false; // only shell blocks hold command lines; others show output or diagrams
        StringBuilder logical = null;
        int logicalStart = 0;
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            if (line.strip().startsWith("```")) {
                fenced = !fenced;
                shell = fenced && SHELLS.contains(line.strip().substring(3).strip());
                prose.append('\n');
                continue;
            }
            if (!fenced) {
                prose.append(line).append('\n');
                continue;
            }
            prose.append('\n'); // keeps prose line numbers equal to the file's
            if (!shell) {
                continue;
            }
            if (logical == null) {
                logical = new StringBuilder();
                logicalStart = i + 1;
            }
            String stripped = line.stripTrailing();
            boolean continues = stripped.endsWith("\\") || stripped.endsWith("^");
            logical.append(continues ? stripped.substring(0, stripped.length() - 1) : stripped).append(' ');
            if (!continues) {
                code.add(new Snippet(doc, logicalStart, logical.toString().strip()));
                logical = null;
            }
        }
        Matcher m = INLINE_CODE.matcher(prose);
        while (m.find()) {
            int line = 1 + (int) prose.subSequence(0, m.start()).chars().filter(c -> c == '\n').count();
            code.add(new Snippet(doc, line, m.group(1).replace('\n', ' ')));
        }
        return doc;
    }
}
