package dev.sessionrecorder.installer;

import java.io.File;
import java.io.IOException;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Whether this JVM runs from the installation uninstall is about to remove. On Windows a running JVM keeps
 * its jars (and its own java.exe and DLLs) open and they cannot be deleted: uninstall run as
 * {@code C:\SessionRecording\bin\installer.bat} removed bin\ and then failed on lib\, leaving half an install.
 */
final class RunningCode {
    private RunningCode() {}

    /** The first file of this JVM's class path or runtime that lies inside {@code layout}'s lib/ or jre/. */
    static Optional<Path> heldOpen(Layout layout, String classPath, String javaHome) {
        List<String> entries = new ArrayList<>(List.of(classPath.split(File.pathSeparator)));
        for (String entry : entries) {
            Optional<Path> p = real(entry);
            if (p.isPresent() && p.get().startsWith(real(layout.lib().toString()).orElse(layout.lib()))) {
                return p;
            }
        }
        Optional<Path> home = real(javaHome);
        if (home.isPresent() && home.get().startsWith(real(layout.jre().toString()).orElse(layout.jre()))) {
            return home;
        }
        return Optional.empty();
    }

    /**
     * Compared by real path where the file exists: the launchers reach lib\ as {@code <root>\bin\..\lib}, and a
     * symbolic link or a different letter case must not hide that it is the same folder.
     */
    private static Optional<Path> real(String name) {
        if (name.isBlank()) {
            return Optional.empty();
        }
        try {
            Path p = Path.of(name).toAbsolutePath().normalize();
            try {
                return Optional.of(p.toRealPath());
            } catch (IOException absent) {
                return Optional.of(p);
            }
        } catch (InvalidPathException e) {
            return Optional.empty();
        }
    }
}
