package dev.sessionrecorder.installer;

import java.io.File;
import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.List;
import java.util.Optional;

/**
 * Doctor's java check: finds java exactly as the installed launchers will and runs it. On Windows that is only
 * {@code <root>\jre\bin\java.exe}: the SYSTEM hooks never search the PATH (cmd.exe would look in the current
 * folder and in every PATH folder, and a user who can create one of those folders would have their java.exe run as
 * SYSTEM), so neither does doctor, which must never run anything from outside the locked root as the administrator
 * either. On Linux (evaluation builds) the launchers and this check take {@code <root>/jre/bin/java}, else the first
 * java on the PATH. Not the Java running doctor: that one says nothing about what a hook will start.
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
    private final Presence.Reader reader;

    /** {@code machinePath}: where the Linux launchers look when jre/ has no java; not read on Windows. */
    JavaCheck(Layout layout, MachinePath machinePath, boolean windows) {
        this(layout, machinePath, windows, p -> Files.readAttributes(p, BasicFileAttributes.class));
    }

    /** {@code reader}: how the runtime's java is looked at; tests answer as Windows does for a locked folder. */
    JavaCheck(Layout layout, MachinePath machinePath, boolean windows, Presence.Reader reader) {
        this.layout = layout;
        this.machinePath = machinePath;
        this.windows = windows;
        this.reader = reader;
    }

    /** The java in the install's jre/, whether or not it exists. */
    static Path bundled(Layout layout, boolean windows) {
        return layout.jre().resolve("bin").resolve(windows ? "java.exe" : "java");
    }

    Doctor.Check run() {
        String fix = "installer install --root " + layout.root() + " --jre <a Java " + MINIMUM + "+ JDK or JRE zip, e.g. Amazon "
                + "Corretto " + MINIMUM + " for " + (windows ? "Windows x64" : "Linux x64") + "> --jre-sha256 <its SHA-256>"
                + (windows ? "" : ", or put a Java " + MINIMUM + "+ on the PATH");
        Path bundled = bundled(layout, windows);
        String origin = "the install's own runtime";
        Path java = bundled;
        switch (Presence.of(bundled, windows, reader)) {
            case PRESENT -> { }
            case DENIED -> {
                // A doctor that is not elevated cannot see into the locked root; that is not a missing runtime.
                return Doctor.Check.fail("java", "cannot read " + bundled + ": access denied, as the locked install is to anyone "
                        + "not elevated", "run doctor elevated (Run as administrator)");
            }
            case ABSENT -> {
                if (windows) {
                    return Doctor.Check.fail("java", "no " + bundled + ": the hooks run only that java.exe (never one from the PATH), "
                            + "so every hook would fail to start", fix);
                }
                MachinePath.Reading path = machinePath.read();
                Optional<Path> found = onPath(path);
                if (found.isEmpty()) {
                    return Doctor.Check.fail("java", "no " + bundled + " and no java on the PATH the launchers get ("
                            + (path.folders().isEmpty() ? "empty" : String.join(File.pathSeparator, path.folders()))
                            + "): every hook would fail to start", fix);
                }
                java = found.get();
                origin = "the first java on the PATH (no " + bundled + ")";
            }
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

    /** The first folder holding java, in the order sh searches them (Linux only). */
    private static Optional<Path> onPath(MachinePath.Reading path) {
        for (String folder : path.folders()) {
            try {
                Path candidate = Path.of(folder).resolve("java");
                if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
                    return Optional.of(candidate);
                }
            } catch (InvalidPathException skipped) {
                // sh skips an entry that is not a path; so do we
            }
        }
        return Optional.empty();
    }

    /** What reading the runtime's java gave: there, not there, or not ours to see. */
    enum Presence {
        /** A regular file (and executable, off Windows). */
        PRESENT,
        /** Not there, or not a runnable file. */
        ABSENT,
        /** The file system said access denied: a doctor that is not elevated, reading the locked root. */
        DENIED;

        /** Files.readAttributes, or a stand-in: Windows' provider throws AccessDeniedException for ERROR_ACCESS_DENIED. */
        interface Reader {
            BasicFileAttributes read(Path p) throws IOException;
        }

        static Presence of(Path java, boolean windows, Reader reader) {
            try {
                BasicFileAttributes a = reader.read(java);
                return a.isRegularFile() && (windows || Files.isExecutable(java)) ? PRESENT : ABSENT;
            } catch (AccessDeniedException e) {
                return DENIED;
            } catch (IOException e) {
                return ABSENT;
            }
        }
    }
}
