package dev.sessionrecorder.installer;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Doctor's check of the two launchers SYSTEM runs, session-start and session-end: their java command line keeps JNA's
 * unpacked jnidispatch and the JVM's temp files inside the install root, and (on Windows) names only the runtime in
 * the root. Without the properties a SYSTEM JVM unpacks the DLL into %TEMP%\jna-&lt;hash&gt;, and the hooks' TEMP is
 * C:\Windows\Temp, where any user can create that folder first and plant a DLL that then runs as SYSTEM. The command
 * line is parsed, not searched: a "rem" line, or an option after the main class (an argument to the program, not to
 * the JVM), sets nothing. The administrator's launchers (installer, recorder, recordings) run as the administrator,
 * whose %TEMP% is their own, and are not checked.
 */
final class LauncherCheck {
    static final List<String> PROPERTIES = List.of("jna.tmpdir", "java.io.tmpdir");
    /** The only java.exe the Windows hooks may run. */
    static final String WINDOWS_JAVA = "%ROOT%\\jre\\bin\\java.exe";
    /** How our launchers name their own root: cmd's ROOT variable or %~dp0.., sh's $root. */
    private static final Pattern ROOT_TOKEN = Pattern.compile("^(%ROOT%|%~dp0\\.\\.|\\$\\{?root\\}?)");
    /** JVM options whose value is the next word. */
    private static final Set<String> TAKES_VALUE = Set.of("-cp", "-classpath", "--class-path", "-p", "--module-path", "--add-modules");
    /** Anywhere on a line: "if not exist ... set JAVA=java.exe" is the fallback this check exists for. */
    private static final Pattern SET_JAVA = Pattern.compile("(?:^|[\\s(&])set\\s+\"?JAVA=([^\"]*)\"?", Pattern.CASE_INSENSITIVE);

    private LauncherCheck() {}

    static Doctor.Check run(Layout layout, boolean windows) {
        List<String> problems = new ArrayList<>();
        List<String> names = windows ? List.of("session-start.bat", "session-end.bat") : List.of("session-start", "session-end");
        for (String name : names) {
            Path launcher = layout.bin().resolve(name);
            String text;
            try {
                text = Files.readString(launcher, StandardCharsets.ISO_8859_1);
            } catch (IOException e) {
                problems.add("cannot read " + launcher + " (" + e.getClass().getSimpleName() + ": " + e.getMessage() + ")");
                continue;
            }
            problems.addAll(windows ? batProblems(layout, name, text) : shProblems(layout, name, text));
        }
        return problems.isEmpty()
                ? Doctor.Check.pass("launchers", String.join(" and ", names) + " keep jna.tmpdir and java.io.tmpdir in "
                        + layout.cache() + (windows ? " and run only " + layout.jre().resolve("bin").resolve("java.exe") : ""))
                : Doctor.Check.fail("launchers", String.join("; ", problems), "run install again from this version's distribution: "
                        + "its hooks run only the root's own java and point jna.tmpdir and java.io.tmpdir into " + layout.cache()
                        + " (otherwise a user can plant a DLL or a java.exe that runs as SYSTEM)");
    }

    private static List<String> batProblems(Layout layout, String name, String text) {
        List<String> problems = new ArrayList<>();
        List<String> javaLines = new ArrayList<>();
        for (String raw : text.split("\r?\n")) {
            String line = raw.strip();
            String lower = line.toLowerCase(java.util.Locale.ROOT);
            if (lower.startsWith("rem ") || lower.equals("rem") || lower.startsWith("::") || lower.startsWith("@rem")) {
                continue;
            }
            Matcher set = SET_JAVA.matcher(line);
            if (set.find() && !set.group(1).equalsIgnoreCase(WINDOWS_JAVA)) {
                problems.add(name + " sets JAVA to " + set.group(1) + ", not " + WINDOWS_JAVA + " (cmd.exe would look for it in the "
                        + "current folder and on the PATH, where a user may plant one)");
            }
            if (line.startsWith("\"%JAVA%\"")) {
                javaLines.add(line);
            }
        }
        if (javaLines.isEmpty()) {
            problems.add(name + " has no \"%JAVA%\" command line");
        }
        for (String line : javaLines) {
            problems.addAll(commandProblems(layout, name, words(line)));
        }
        return problems;
    }

    private static List<String> shProblems(Layout layout, String name, String text) {
        // A command continued with a trailing backslash is one line to sh.
        String joined = text.replace("\\\n", " ");
        List<String> problems = new ArrayList<>();
        boolean found = false;
        for (String raw : joined.split("\n")) {
            String line = raw.strip();
            if (line.startsWith("exec ")) {
                found = true;
                List<String> words = words(line);
                problems.addAll(commandProblems(layout, name, words.subList(1, words.size())));
            }
        }
        if (!found) {
            problems.add(name + " has no exec java command line");
        }
        return problems;
    }

    /** The JVM options before the main class (the first word after the executable that is neither an option nor its value). */
    private static List<String> commandProblems(Layout layout, String name, List<String> words) {
        Map<String, String> properties = new LinkedHashMap<>();
        for (int i = 1; i < words.size(); i++) {
            String w = words.get(i);
            if (TAKES_VALUE.contains(w)) {
                i++;
            } else if (w.startsWith("-D") && w.indexOf('=') > 2) {
                properties.put(w.substring(2, w.indexOf('=')), w.substring(w.indexOf('=') + 1)); // the JVM takes the last one
            } else if (!w.startsWith("-")) {
                break; // the main class: what follows are the program's arguments
            }
        }
        List<String> problems = new ArrayList<>();
        for (String property : PROPERTIES) {
            String value = properties.get(property);
            if (value == null) {
                problems.add(name + " does not give the JVM -D" + property + " before its main class");
                continue;
            }
            Optional<Path> where = resolve(layout.root(), value);
            if (where.isEmpty() || !where.get().startsWith(layout.root()) || where.get().equals(layout.root())) {
                problems.add(name + " sets -D" + property + "=" + value + ", outside the locked " + layout.root());
            }
        }
        return problems;
    }

    /** Words as cmd and sh split them for a plain command line: by spaces, double quotes grouping and then removed. */
    static List<String> words(String line) {
        List<String> out = new ArrayList<>();
        StringBuilder word = new StringBuilder();
        boolean quoted = false;
        boolean any = false;
        for (char c : line.toCharArray()) {
            if (c == '"') {
                quoted = !quoted;
                any = true;
            } else if (Character.isWhitespace(c) && !quoted) {
                if (any) {
                    out.add(word.toString());
                    word.setLength(0);
                    any = false;
                }
            } else {
                word.append(c);
                any = true;
            }
        }
        if (any) {
            out.add(word.toString());
        }
        return out;
    }

    /** The folder a launcher's value names, with its root token replaced by the install root; empty if it cannot be told. */
    private static Optional<Path> resolve(Path root, String value) {
        Matcher token = ROOT_TOKEN.matcher(value);
        boolean underRoot = token.find();
        // Windows takes / as a separator too; reading \ as / lets the .bat launchers be checked anywhere.
        String rest = (underRoot ? value.substring(token.end()) : value).replace('\\', '/');
        if (rest.contains("%") || rest.contains("$")) {
            return Optional.empty(); // another variable: whatever it expands to is not ours to vouch for
        }
        try {
            if (underRoot) {
                return Optional.of(root.resolve(rest.replaceFirst("^/+", "")).normalize());
            }
            Path p = Path.of(rest);
            return p.isAbsolute() ? Optional.of(p.normalize()) : Optional.empty();
        } catch (java.nio.file.InvalidPathException e) {
            return Optional.empty();
        }
    }
}
