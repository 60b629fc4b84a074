package dev.sessionrecorder.installer;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFileAttributeView;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * Puts a complete Java runtime at {@code <root>/jre}, or leaves the one there when it is already identical.
 * The new runtime is written to a folder beside it first, inside the locked root so nobody can change it
 * between the copy and the use, and only then swapped in by renames: a failure part-way (a full disk, a
 * bad entry) leaves the old runtime, or none, never half of one, which every hook would then fail on.
 */
final class RuntimeSwap {
    private static final String STAGING = "jre-staging-";
    private static final String PREVIOUS = "jre-previous-";

    /** Where a runtime comes from: a distribution's jre/ folder or a vendor zip. */
    interface Source {
        /** Writes the whole runtime into {@code target}, an empty folder. */
        void copyInto(Path target) throws IOException;

        String describe();
    }

    private RuntimeSwap() {}

    /** One line per change; none when jre/ already holds exactly this runtime. */
    static List<String> install(Layout layout, Source source) throws IOException {
        List<String> changes = new ArrayList<>();
        removeLeftovers(layout.root());
        Path staging = Files.createTempDirectory(layout.root(), STAGING);
        try {
            source.copyInto(staging);
            if (Files.isDirectory(layout.jre()) && sameTree(staging, layout.jre())) {
                return changes;
            }
            Path previous = null;
            if (Files.exists(layout.jre())) {
                previous = Files.createTempDirectory(layout.root(), PREVIOUS);
                Files.delete(previous); // only its unique name is wanted
                Files.move(layout.jre(), previous, StandardCopyOption.ATOMIC_MOVE);
            }
            try {
                Files.move(staging, layout.jre(), StandardCopyOption.ATOMIC_MOVE);
            } catch (IOException e) {
                if (previous != null) {
                    Files.move(previous, layout.jre(), StandardCopyOption.ATOMIC_MOVE);
                }
                throw new IOException("could not put the new runtime in place at " + layout.jre() + " (" + e.getMessage()
                        + "); the previous one stays. Fix: stop anything running from " + layout.jre() + " and run install again", e);
            }
            if (previous != null) {
                deleteTree(previous);
            }
            changes.add("put the Java runtime from " + source.describe() + " in " + layout.jre());
            return changes;
        } finally {
            deleteTree(staging);
        }
    }

    /** Folders an interrupted install left beside jre/: never in use, since nothing runs from them. */
    private static void removeLeftovers(Path root) throws IOException {
        try (Stream<Path> files = Files.list(root)) {
            for (Path p : files.toList()) {
                String name = p.getFileName().toString();
                if (name.startsWith(STAGING) || name.startsWith(PREVIOUS)) {
                    deleteTree(p);
                }
            }
        }
    }

    /** Same folders, same files, same bytes. */
    static boolean sameTree(Path a, Path b) throws IOException {
        List<Path> left = relativeEntries(a);
        if (!left.equals(relativeEntries(b))) {
            return false;
        }
        for (Path rel : left) {
            Path x = a.resolve(rel);
            Path y = b.resolve(rel);
            if (Files.isDirectory(x) != Files.isDirectory(y) || (!Files.isDirectory(x) && !Layout.sameBytes(x, y))) {
                return false;
            }
        }
        return true;
    }

    private static List<Path> relativeEntries(Path root) throws IOException {
        try (Stream<Path> walk = Files.walk(root)) {
            return walk.map(root::relativize).sorted().toList();
        }
    }

    static void deleteTree(Path p) throws IOException {
        if (!Files.exists(p, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(p)) {
            for (Path x : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(x);
            }
        }
    }

    /** A distribution's own jre/ folder. */
    record Folder(Path jre) implements Source {
        @Override
        public void copyInto(Path target) throws IOException {
            try (Stream<Path> walk = Files.walk(jre)) {
                for (Path from : walk.toList()) {
                    Path to = target.resolve(jre.relativize(from).toString());
                    if (Files.isDirectory(from)) {
                        Files.createDirectories(to);
                    } else {
                        // A plain copy: COPY_ATTRIBUTES on Windows copies each file's owner and DACL, so a file a user owned
                        // in the unzipped folder would stay theirs (free to rewrite) inside the locked root. The copy
                        // inherits the root's lock instead; only the POSIX mode is carried, to keep bin/java executable.
                        Files.copy(from, to);
                        PosixFileAttributeView mode = Files.getFileAttributeView(to, PosixFileAttributeView.class);
                        if (mode != null) {
                            mode.setPermissions(Files.getPosixFilePermissions(from));
                        }
                    }
                }
            }
        }

        @Override
        public String describe() {
            return jre.toString();
        }
    }
}
