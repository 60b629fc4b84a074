package dev.sessionrecorder.installer;

import dev.sessionrecorder.core.config.RecorderConfig;
import dev.sessionrecorder.core.io.AtomicFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The folders of an installation under one root. Everything in it is SYSTEM and Administrators only:
 * the recorder runs as SYSTEM, so a user who could write to lib/, bin/ or the native cache could run
 * code as SYSTEM, and one who could read spool/ or logs/ could read other sessions.
 */
record Layout(Path root) {
    static final String WINDOWS_ROOT = "C:\\SessionRecording";
    static final String LINUX_ROOT = "/opt/session-recorder";

    static Path defaultRoot() {
        return Path.of(System.getProperty("os.name", "").toLowerCase().startsWith("windows") ? WINDOWS_ROOT : LINUX_ROOT);
    }

    Path bin() {
        return root.resolve("bin");
    }

    Path lib() {
        return root.resolve("lib");
    }

    Path config() {
        return root.resolve("config");
    }

    Path recorderJson() {
        return config().resolve("recorder.json");
    }

    Path spool() {
        return root.resolve("spool");
    }

    Path logs() {
        return root.resolve("logs");
    }

    /** JavaCPP's unpacked natives and the JVM's class-data archive (the launchers point there). */
    Path cache() {
        return root.resolve("cache");
    }

    /**
     * Where the launchers point jna.tmpdir: JNA unpacks jnidispatch.dll here instead of under %TEMP%,
     * which for the SYSTEM hooks is C:\Windows\Temp, where any user may create the folder first.
     */
    Path jnaTemp() {
        return cache().resolve("jna");
    }

    /** Where the launchers point java.io.tmpdir, for the same reason; the JVM does not create it, install does. */
    Path javaTemp() {
        return cache().resolve("tmp");
    }

    /** A Java runtime install puts in place; the launchers prefer its bin/java over one on the PATH. */
    Path jre() {
        return root.resolve("jre");
    }

    /**
     * Every folder install locks and doctor checks: the root, its folders, and a spool or log folder
     * the configuration moved elsewhere. jre/ is there because the hooks run its java.exe as SYSTEM.
     */
    Set<Path> lockedFolders(RecorderConfig cfg) {
        Set<Path> folders = new java.util.LinkedHashSet<>(List.of(root, bin(), lib(), jre(), config(), spool(), logs(), cache()));
        folders.add(cfg.spool().dir());
        folders.add(cfg.logDir());
        return folders;
    }

    /**
     * The folders whose every file doctor checks (on Windows): what SYSTEM runs or loads (bin, lib, jre, the native
     * cache) and what it is told (config). Not spool and logs, which only the recorder writes, as SYSTEM.
     */
    List<Path> contentChecked() {
        return List.of(bin(), lib(), jre(), cache(), config());
    }

    /**
     * Makes {@code target} hold exactly the files of {@code source} (one level, files only): copies what
     * is missing or differs, removes what the distribution no longer has (an upgrade's old jars would
     * otherwise stay on the classpath). Returns one line per change; none when already equal.
     */
    static List<String> mirror(Path source, Path target) throws IOException {
        List<String> changes = new ArrayList<>();
        Files.createDirectories(target);
        Set<String> wanted;
        try (Stream<Path> files = Files.list(source)) {
            wanted = files.filter(Files::isRegularFile).map(p -> p.getFileName().toString()).collect(Collectors.toCollection(java.util.TreeSet::new));
        }
        for (String name : wanted) {
            Path from = source.resolve(name);
            Path to = target.resolve(name);
            if (!Files.exists(to) || !sameBytes(from, to)) {
                changes.add((Files.exists(to) ? "updated " : "added ") + to);
                Files.copy(from, to, StandardCopyOption.REPLACE_EXISTING);
            }
        }
        try (Stream<Path> files = Files.list(target)) {
            for (Path old : files.filter(Files::isRegularFile).filter(p -> !wanted.contains(p.getFileName().toString())).toList()) {
                Files.delete(old);
                changes.add("removed " + old + " (not in this distribution)");
            }
        }
        return changes;
    }

    static boolean sameBytes(Path a, Path b) throws IOException {
        return Files.size(a) == Files.size(b) && Files.mismatch(a, b) == -1;
    }

    /** Writes {@code text} unless the file already holds exactly it; true when written. */
    static boolean writeIfDifferent(Path file, String text) throws IOException {
        byte[] bytes = text.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        if (Files.exists(file) && Arrays.equals(Files.readAllBytes(file), bytes)) {
            return false;
        }
        Files.createDirectories(file.getParent());
        AtomicFiles.write(file, bytes, file);
        return true;
    }
}
