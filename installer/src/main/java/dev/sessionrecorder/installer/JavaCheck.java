package dev.sessionrecorder.installer;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * Doctor's java check: finds java exactly as the installed launchers will ({@code <root>/jre/bin/java(.exe)}
 * when it exists, else the first java(.exe) on the machine PATH the SYSTEM hooks get) and runs it. Not the
 * Java running doctor: with a JDK only on the administrator's PATH every hook would fail with "'java.exe' is
 * not recognized" (exit 9009) while doctor passed.
 */
final class JavaCheck {
    static final int MINIMUM = 17;

    /**
     * What the product needs from a runtime: jdeps over the distribution, plus what only a real run shows
     * (jdk.random for RandomGenerator.getDefault in the uploader's backoff, jdk.crypto.ec for TLS, jdk.zipfs
     * for --jre). A vendor's full JDK or JRE has them all; a runtime made with jlink may not, and then the
     * recorder fails at its first upload retry while every version check passes. InstalledRuntimeTest
     * records with a runtime of exactly these modules.
     */
    static final List<String> REQUIRED_MODULES = List.of("java.base", "java.logging", "java.xml", "java.naming",
            "java.security.jgss", "java.desktop", "java.net.http", "java.management", "java.sql", "jdk.net", "jdk.unsupported",
            "jdk.crypto.ec", "jdk.zipfs", "jdk.random");

    private final Layout layout;
    private final MachinePath machinePath;
    private final boolean windows;

    JavaCheck(Layout layout, MachinePath machinePath, boolean windows) {
        this.layout = layout;
        this.machinePath = machinePath;
        this.windows = windows;
    }

    /** The java in the install's jre/, whether or not it exists. */
    static Path bundled(Layout layout, boolean windows) {
        return layout.jre().resolve("bin").resolve(windows ? "java.exe" : "java");
    }

    Doctor.Check run() {
        String fix = "installer install --root " + layout.root() + " --jre <a Java " + MINIMUM + "+ JDK or JRE zip, e.g. Amazon "
                + "Corretto " + MINIMUM + " for " + (windows ? "Windows x64" : "Linux x64") + "> --jre-sha256 <its SHA-256>, or put a Java "
                + MINIMUM + "+ on the machine PATH";
        Path bundled = bundled(layout, windows);
        String origin;
        Path java;
        if (Files.isRegularFile(bundled) && (windows || Files.isExecutable(bundled))) {
            java = bundled;
            origin = "the install's own runtime";
        } else {
            MachinePath.Reading path = machinePath.read();
            if (!path.problem().isEmpty()) {
                return Doctor.Check.fail("java", "no " + bundled + ", and " + path.problem(), fix);
            }
            Optional<Path> found = onPath(path);
            if (found.isEmpty()) {
                return Doctor.Check.fail("java", "no " + bundled + " and no " + executable() + " on the machine PATH the hooks get ("
                        + (path.folders().isEmpty() ? "empty" : String.join(File.pathSeparator, path.folders()))
                        + "): every hook would fail to start", fix);
            }
            java = found.get();
            origin = "the first " + executable() + " on the machine PATH (no " + bundled + ")";
        }
        JavaProbe.Found f;
        try {
            f = JavaProbe.run(java);
        } catch (IOException e) {
            return Doctor.Check.fail("java", "the hooks would run " + java + " (" + origin + "), which does not work: " + e.getMessage(), fix);
        }
        String detail = "Java " + f.version() + " (" + f.arch() + ") at " + java + ", " + origin;
        if (f.feature() < MINIMUM) {
            return Doctor.Check.fail("java", detail + ": older than " + MINIMUM + ", the recorder would not start", fix);
        }
        if (!f.arch().equals("amd64") && !f.arch().equals("x86_64")) {
            return Doctor.Check.fail("java", detail + ": the recorder's FFmpeg natives are x86-64 only", fix.replace("a Java", "an x64 Java"));
        }
        List<String> missing;
        try {
            missing = JavaProbe.missingModules(java, REQUIRED_MODULES);
        } catch (IOException e) {
            return Doctor.Check.fail("java", detail + ", but listing its modules failed: " + e.getMessage(), fix);
        }
        if (!missing.isEmpty()) {
            return Doctor.Check.fail("java", detail + ": lacks module(s) " + String.join(", ", missing) + " the recorder needs",
                    "use a vendor's full JDK or JRE zip, or add them to your jlink --add-modules (all it needs: "
                            + String.join(",", REQUIRED_MODULES) + ")");
        }
        return Doctor.Check.pass("java", detail);
    }

    private String executable() {
        return windows ? "java.exe" : "java";
    }

    /** The first folder holding the executable, in the order a shell (or cmd.exe) searches them. */
    private Optional<Path> onPath(MachinePath.Reading path) {
        for (String folder : path.folders()) {
            try {
                Path candidate = Path.of(folder).resolve(executable());
                if (Files.isRegularFile(candidate) && (windows || Files.isExecutable(candidate))) {
                    return Optional.of(candidate);
                }
            } catch (InvalidPathException skipped) {
                // cmd and sh skip an entry that is not a path; so do we
            }
        }
        return Optional.empty();
    }
}
