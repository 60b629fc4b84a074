package dev.sessionrecorder.installer;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Doctor's check that every launcher in bin/ keeps JNA's unpacked jnidispatch and the JVM's temp files inside
 * the install root. Without it a SYSTEM JVM unpacks the DLL into %TEMP%\jna-&lt;hash&gt;, and the hooks' TEMP
 * is C:\Windows\Temp, where any user can create that folder first and plant a DLL that then runs as SYSTEM.
 * A launcher an older version installed, or one edited by hand, would do exactly that.
 */
final class LauncherCheck {
    static final List<String> PROPERTIES = List.of("jna.tmpdir", "java.io.tmpdir");
    /** How our launchers name their own root: cmd's ROOT variable or %~dp0.., sh's $root. */
    private static final Pattern ROOT_TOKEN = Pattern.compile("^(%ROOT%|%~dp0\\.\\.|\\$\\{?root\\}?)");

    private LauncherCheck() {}

    static Doctor.Check run(Layout layout) {
        List<String> problems = new ArrayList<>();
        List<Path> launchers;
        try (Stream<Path> files = Files.list(layout.bin())) {
            launchers = files.filter(Files::isRegularFile).sorted().toList();
        } catch (IOException e) {
            return Doctor.Check.fail("launchers", "cannot list " + layout.bin() + ": " + e.getMessage(), "run install again");
        }
        for (Path launcher : launchers) {
            String text;
            try {
                text = Files.readString(launcher, StandardCharsets.ISO_8859_1);
            } catch (IOException e) {
                problems.add("cannot read " + launcher + ": " + e.getMessage());
                continue;
            }
            for (String property : PROPERTIES) {
                problem(layout, launcher, text, property).ifPresent(problems::add);
            }
        }
        if (launchers.isEmpty()) {
            return Doctor.Check.fail("launchers", layout.bin() + " holds no launchers", "run install again");
        }
        return problems.isEmpty()
                ? Doctor.Check.pass("launchers", launchers.size() + " launchers keep jna.tmpdir and java.io.tmpdir in " + layout.cache())
                : Doctor.Check.fail("launchers", String.join("; ", problems), "run install again from this version's distribution: "
                        + "its launchers point jna.tmpdir and java.io.tmpdir into " + layout.cache()
                        + " (a launcher that does not lets a user plant a DLL that runs as SYSTEM)");
    }

    private static java.util.Optional<String> problem(Layout layout, Path launcher, String text, String property) {
        Matcher m = Pattern.compile("-D" + Pattern.quote(property) + "=([^\"\\s]+)").matcher(text);
        String value = null;
        while (m.find()) {
            value = m.group(1); // the JVM takes the last one given
        }
        if (value == null) {
            return java.util.Optional.of(launcher.getFileName() + " does not set -D" + property);
        }
        Path where = resolve(layout.root(), value);
        if (where == null || !where.startsWith(layout.root()) || where.equals(layout.root())) {
            return java.util.Optional.of(launcher.getFileName() + " sets -D" + property + "=" + value + ", outside the locked "
                    + layout.root());
        }
        return java.util.Optional.empty();
    }

    /** The folder a launcher's value names, with its root token replaced by the install root; null if it cannot be told. */
    private static Path resolve(Path root, String value) {
        Matcher token = ROOT_TOKEN.matcher(value);
        boolean underRoot = token.find();
        // Windows takes / as a separator too; reading \ as / lets the .bat launchers be checked anywhere.
        String rest = (underRoot ? value.substring(token.end()) : value).replace('\\', '/');
        if (rest.contains("%") || rest.contains("$")) {
            return null; // another variable: whatever it expands to is not ours to vouch for
        }
        try {
            if (underRoot) {
                return root.resolve(rest.replaceFirst("^/+", "")).normalize();
            }
            Path p = Path.of(rest);
            return p.isAbsolute() ? p.normalize() : null;
        } catch (java.nio.file.InvalidPathException e) {
            return null;
        }
    }
}
