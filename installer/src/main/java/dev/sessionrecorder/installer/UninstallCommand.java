package dev.sessionrecorder.installer;

import dev.sessionrecorder.core.spool.Spool;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "uninstall", mixinStandardHelpOptions = true,
        description = {"Removes session-recorder's hooks from AppStream's session scripts (other entries stay) and its files. "
                + "Recordings not yet in S3 stay in the spool unless --purge."},
        footer = {"", InstallerCli.EXIT_CODES})
final class UninstallCommand implements Callable<Integer> {
    @Mixin
    RootOption where = new RootOption();

    @Option(names = "--purge", description = "Also delete recordings that never reached S3.")
    boolean purge;

    private static final String REMOVING = ".removing";

    /** How folders are renamed aside; tests fail one as Windows does while a file in it is open. */
    FolderMoves moves = FolderMoves.ATOMIC;

    @Override
    public Integer call() throws IOException {
        Layout layout = where.layout();
        Optional<Path> held = RunningCode.heldOpen(layout, System.getProperty("java.class.path", ""), System.getProperty("java.home", ""));
        if (held.isPresent()) {
            String launcher = InstallerCli.WINDOWS ? "<unzipped folder>\\bin\\installer.bat" : "<unzipped folder>/bin/installer";
            System.err.println("Nothing removed: this uninstall runs from the installation it would remove (" + held.get() + " is open, "
                    + "and Windows does not delete open files, so it would remove bin and then stop at lib, leaving half an install). "
                    + "Fix: run it from the unpacked distribution zip: " + launcher + " uninstall --root " + layout.root());
            return InstallerCli.BAD_INPUT;
        }
        List<String> changes = new ArrayList<>();
        removeLeftovers(layout.root());
        List<String> waiting = notUploaded(layout.spool());
        List<Path> targets = new ArrayList<>(List.of(layout.bin(), layout.lib(), layout.jre(), layout.config(), layout.cache(), layout.logs()));
        if (waiting.isEmpty() || purge) {
            targets.add(layout.spool());
        }
        // Every folder is renamed aside before anything is deleted or edited: Windows refuses to rename a folder while
        // a file under it is open (a recorder running from jre\), and a refusal then leaves the install whole, where
        // deleting folder by folder stopped half-way and left half an install behind.
        List<Path[]> moved = new ArrayList<>();
        for (Path p : targets) {
            if (!Files.exists(p, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
                continue;
            }
            Path aside = p.resolveSibling(p.getFileName() + REMOVING);
            try {
                moves.move(p, aside);
                moved.add(new Path[] {p, aside});
            } catch (IOException e) {
                putBack(moved);
                System.err.println("Nothing removed: could not move " + p + " aside (" + e + "), so something is still running "
                        + "from it. Fix: end the sessions and stop any recorder running from " + layout.root() + ", then run "
                        + "uninstall again");
                return InstallerCli.REFUSED;
            }
        }
        Optional<SessionScriptsFile> file = where.sessionScripts();
        if (file.isPresent()) {
            Path scripts = file.get().path();
            ScriptsOutcome outcome = file.get().uninstall();
            if (outcome instanceof ScriptsOutcome.Refused refused) {
                putBack(moved);
                System.err.println("Nothing removed: " + refused.message());
                return InstallerCli.REFUSED;
            }
            if (outcome instanceof ScriptsOutcome.Changed changed) {
                changed.changes().forEach(c -> changes.add(scripts + ": " + c));
            }
        }
        for (Path[] m : moved) {
            deleteTree(m[1]);
            boolean spool = m[0].equals(layout.spool());
            changes.add("removed " + m[0] + (spool && !waiting.isEmpty() ? " with " + waiting.size() + " session(s) never uploaded (--purge)" : ""));
        }
        if (!waiting.isEmpty() && !purge) {
            changes.add("kept " + layout.spool() + ": " + waiting.size() + " session(s) not yet in S3 (" + String.join(", ", waiting)
                    + "); upload them with `recorder drain` before removing it, or run uninstall --purge to delete them");
        }
        if (Files.isDirectory(layout.root())) {
            try (Stream<Path> rest = Files.list(layout.root())) {
                if (rest.findAny().isEmpty()) {
                    Files.delete(layout.root());
                    changes.add("removed " + layout.root());
                }
            }
        }
        System.out.println(changes.isEmpty() ? "Nothing to remove at " + layout.root() + "." : "Uninstalled:\n  " + String.join("\n  ", changes));
        return InstallerCli.OK;
    }

    /** Renames back, newest first, what was moved aside before a refusal. */
    private void putBack(List<Path[]> moved) throws IOException {
        for (int i = moved.size() - 1; i >= 0; i--) {
            moves.move(moved.get(i)[1], moved.get(i)[0]);
        }
        moved.clear();
    }

    /** Folders an uninstall that died after its renames left: already out of use, only deleting was left to do. */
    private static void removeLeftovers(Path root) throws IOException {
        if (!Files.isDirectory(root)) {
            return;
        }
        try (Stream<Path> files = Files.list(root)) {
            for (Path p : files.filter(f -> f.getFileName().toString().endsWith(REMOVING)).toList()) {
                deleteTree(p);
            }
        }
    }

    /** Sessions in the spool that were never marked complete (their chunks or manifest may not be in S3). */
    private static List<String> notUploaded(Path spool) throws IOException {
        List<String> out = new ArrayList<>();
        for (String id : Spool.sessionIds(spool)) {
            if (!Spool.isComplete(spool, id)) {
                out.add(id);
            }
        }
        return out;
    }

    private static boolean deleteTree(Path p) throws IOException {
        if (!Files.exists(p, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
            return false;
        }
        if (Files.isSymbolicLink(p)) {
            Files.delete(p); // never walk into what a link points at
            return true;
        }
        if (!Files.exists(p)) {
            return false;
        }
        try (Stream<Path> walk = Files.walk(p)) {
            for (Path x : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(x);
            }
        }
        return true;
    }
}
