package dev.sessionrecorder.installer;

import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Runs a java executable the way a launcher will and reads what it is from its own settings output
 * ({@code -XshowSettings:properties -version}, which Java 8 understands too), so doctor reports the Java the
 * hooks get rather than the one running doctor.
 */
final class JavaProbe {
    /** A cold JVM answers in well under a second; a runtime that takes this long is as good as broken. */
    private static final long WAIT_SECONDS = 60;
    private static final Pattern PROPERTY = Pattern.compile("^\\s*([\\w.]+) = (.*)$", Pattern.MULTILINE);
    private static final Pattern VERSION_LINE = Pattern.compile("version \"([^\"]+)\"");

    /** What the java said about itself; {@code feature} is the major version (8 for "1.8.0_392", 17 for "17.0.15"). */
    record Found(Path java, String version, int feature, String arch) {}

    private JavaProbe() {}

    /** The runtime's answer, or an exception whose message says what went wrong (does not start, no version ...). */
    static Found run(Path java) throws IOException {
        return parse(java, output(java, "-XshowSettings:properties", "-version"));
    }

    /** Which of {@code required} the runtime lacks, from its own {@code --list-modules} ("name@version" lines). */
    static List<String> missingModules(Path java, List<String> required) throws IOException {
        return missing(required, output(java, "--list-modules"));
    }

    static List<String> missing(List<String> required, String listModules) {
        java.util.Set<String> present = new java.util.HashSet<>();
        listModules.lines().map(String::strip).filter(l -> !l.isEmpty())
                .forEach(l -> present.add(l.indexOf('@') < 0 ? l : l.substring(0, l.indexOf('@'))));
        return required.stream().filter(m -> !present.contains(m)).toList();
    }

    /** Runs {@code java args}, returns what it printed; an exception naming the problem when it does not exit 0 in time. */
    private static String output(Path java, String... args) throws IOException {
        Path out = Files.createTempFile("java-probe-", ".txt");
        try {
            List<String> cmd = new java.util.ArrayList<>(List.of(java.toString()));
            cmd.addAll(List.of(args));
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(out.toFile())
                    .redirectInput(ProcessBuilder.Redirect.PIPE).start();
            p.getOutputStream().close();
            if (!p.waitFor(WAIT_SECONDS, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IOException(java + " did not answer " + String.join(" ", args) + " within " + WAIT_SECONDS + " s");
            }
            String text = Files.readString(out, Charset.defaultCharset());
            if (p.exitValue() != 0) {
                throw new IOException(java + " " + String.join(" ", args) + " exited with " + p.exitValue() + ": " + firstLine(text));
            }
            return text;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while running " + java, e);
        } finally {
            Files.deleteIfExists(out);
        }
    }

    static Found parse(Path java, String text) throws IOException {
        String version = property(text, "java.version").or(() -> {
            Matcher m = VERSION_LINE.matcher(text);
            return m.find() ? Optional.of(m.group(1)) : Optional.empty();
        }).orElseThrow(() -> new IOException(java + " printed no version: " + firstLine(text)));
        return new Found(java, version, feature(version), property(text, "os.arch").orElse("?"));
    }

    /** Java 8 and older number themselves 1.N; Runtime.Version does not parse those. */
    static int feature(String version) {
        Matcher m = Pattern.compile("^(?:1\\.)?(\\d+)").matcher(version);
        return m.find() ? Integer.parseInt(m.group(1)) : 0;
    }

    private static Optional<String> property(String text, String name) {
        Matcher m = PROPERTY.matcher(text);
        while (m.find()) {
            if (m.group(1).equals(name)) {
                return Optional.of(m.group(2).strip());
            }
        }
        return Optional.empty();
    }

    private static String firstLine(String text) {
        String t = text.strip();
        int nl = t.indexOf('\n');
        return t.isEmpty() ? "(no output)" : nl < 0 ? t : t.substring(0, nl).strip();
    }
}
