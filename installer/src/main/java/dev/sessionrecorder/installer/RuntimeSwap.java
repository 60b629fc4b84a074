package dev.sessionrecorder.installer;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
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
    interface Source extends AutoCloseable {
        /** Writes the whole runtime into {@code target}, an empty folder. */
        void copyInto(Path target) throws IOException;

        String describe();

        /**
         * This source, read from a copy inside {@code scratch} (a folder in the locked root) when the original could
         * change between its check and its use; closing it removes that copy.
         */
        default Source pinnedIn(Path scratch) throws IOException, RuntimeRefused {
            return this;
        }

        @Override
        default void close() throws IOException {}
    }

    private final FolderMoves moves;

    /** {@code moves}: renames, retried while something holds a file open (see {@link FolderMoves#patient}). */
    RuntimeSwap(FolderMoves moves) {
        this.moves = moves;
    }

    /** One line per change; none when jre/ already holds exactly this runtime. */
    static List<String> install(Layout layout, Source source) throws IOException {
        return new RuntimeSwap(FolderMoves.patient(FolderMoves.ATOMIC, d -> Thread.sleep(d.toMillis()))).swap(layout, source);
    }

    List<String> swap(Layout layout, Source source) throws IOException {
        List<String> changes = new ArrayList<>();
        cleanUpAfterAnInterruptedSwap(layout, changes);
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
                try {
                    moves.move(layout.jre(), previous);
                } catch (IOException e) {
                    throw inUse(layout, e);
                }
            }
            try {
                moves.move(staging, layout.jre());
            } catch (IOException e) {
                if (previous != null) {
                    moves.move(previous, layout.jre());
                }
                throw inUse(layout, e);
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

    private static IOException inUse(Layout layout, IOException e) {
        return new IOException("could not put the new runtime in place at " + layout.jre() + " (" + e + "); the previous one "
                + "stays. Fix: end the sessions and stop any recorder running from " + layout.jre() + ", then run install again", e);
    }

    /**
     * Folders an interrupted install left beside jre/. Staging ones never held anything in use: removed. A previous
     * runtime is removed too, unless jre/ is missing (the install died between its two renames): then it is the only
     * runtime there is, and it goes back to jre/ rather than leave the hooks with none.
     */
    private void cleanUpAfterAnInterruptedSwap(Layout layout, List<String> changes) throws IOException {
        List<Path> previous = new ArrayList<>();
        try (Stream<Path> files = Files.list(layout.root())) {
            for (Path p : files.sorted().toList()) {
                String name = p.getFileName().toString();
                if (name.startsWith(STAGING)) {
                    deleteTree(p);
                } else if (name.startsWith(PREVIOUS)) {
                    previous.add(p);
                }
            }
        }
        if (!Files.exists(layout.jre(), java.nio.file.LinkOption.NOFOLLOW_LINKS) && !previous.isEmpty()) {
            Path newest = previous.stream().max(Comparator.comparing(RuntimeSwap::modified)).orElseThrow();
            moves.move(newest, layout.jre());
            previous.remove(newest);
            changes.add("restored " + layout.jre() + " from " + newest.getFileName() + ", which an interrupted install left");
        }
        for (Path p : previous) {
            deleteTree(p);
        }
    }

    private static java.nio.file.attribute.FileTime modified(Path p) {
        try {
            return Files.getLastModifiedTime(p);
        } catch (IOException e) {
            return java.nio.file.attribute.FileTime.fromMillis(0);
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
