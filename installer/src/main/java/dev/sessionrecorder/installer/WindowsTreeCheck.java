package dev.sessionrecorder.installer;

import com.sun.jna.platform.win32.WinNT;
import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Everything below a locked folder, file by file. The folder's own DACL says nothing about its children: a file that
 * was there before the lock (planted while a first, non-elevated run left the folder open to Users) keeps its owner
 * and its explicit entries, and an owner may always rewrite a DACL. So install refuses to reset a tree holding a
 * reparse point (the reset would land wherever it points), and doctor names every file or folder not owned by
 * SYSTEM, Administrators or TrustedInstaller, or listing anyone else. Cheap enough: a runtime is ~500 files.
 */
final class WindowsTreeCheck {
    /** NT SERVICE\TrustedInstaller, which owns what Windows itself installs. */
    static final String TRUSTED_INSTALLER = "S-1-5-80-956008885-3418522649-1831038044-1853292631-2271478464";
    static final Set<String> TRUSTED_OWNERS = Set.of(WindowsFolderLock.SYSTEM, WindowsFolderLock.ADMINISTRATORS, TRUSTED_INSTALLER);
    /** How many problems doctor names before it only counts. */
    static final int NAMED = 3;

    private final Win32Security win32;

    WindowsTreeCheck(Win32Security win32) {
        this.win32 = win32;
    }

    /** The first junction, mount point or symbolic link below {@code folder} (not {@code folder} itself), if any. */
    Optional<Path> firstReparsePoint(Path folder) throws IOException {
        List<Path> found = new ArrayList<>();
        Files.walkFileTree(folder, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
                return visit(dir);
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
                return visit(file);
            }

            private FileVisitResult visit(Path p) {
                if (!p.equals(folder) && win32.attributes(p.toString()).reparsePoint()) {
                    found.add(p);
                    return FileVisitResult.TERMINATE;
                }
                return FileVisitResult.CONTINUE;
            }
        });
        return found.stream().findFirst();
    }

    /** One sentence per file or folder below {@code folder} that someone other than SYSTEM and Administrators controls. */
    List<String> problems(Path folder) {
        List<String> problems = new ArrayList<>();
        if (!Files.isDirectory(folder)) {
            return problems; // the folder's own check says it is missing
        }
        try {
            Files.walkFileTree(folder, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
                    if (dir.equals(folder)) {
                        return FileVisitResult.CONTINUE;
                    }
                    return check(dir) ? FileVisitResult.CONTINUE : FileVisitResult.SKIP_SUBTREE;
                }

                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
                    check(file);
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFileFailed(Path file, IOException e) {
                    problems.add("cannot read " + file + " (" + e.getMessage() + "); run doctor elevated (Run as administrator)");
                    return FileVisitResult.CONTINUE;
                }

                /** False when its contents cannot be trusted to be where they seem (a reparse point). */
                private boolean check(Path p) {
                    String path = p.toString();
                    Win32Security.Attributes a = win32.attributes(path);
                    if (a.reparsePoint()) {
                        problems.add(path + " is a junction, mount point or symbolic link");
                        return false;
                    }
                    Win32Security.DaclReading dacl = win32.readDacl(path);
                    if (dacl.error() != 0) {
                        problems.add("cannot read the ACL of " + path + " (Win32 error " + dacl.error() + ")");
                        return true;
                    }
                    List<String> wrong = new ArrayList<>();
                    if (!TRUSTED_OWNERS.contains(dacl.owner().toUpperCase(Locale.ROOT))) {
                        wrong.add("is owned by " + (dacl.owner().isEmpty() ? "nobody readable" : dacl.owner()) + ", who may rewrite its ACL");
                    }
                    if (dacl.aces() == null) {
                        wrong.add("has a NULL DACL, which lets everyone in");
                    } else {
                        dacl.aces().stream().filter(ace -> !ours(ace)).findFirst().ifPresent(ace -> wrong.add("has an "
                                + ((ace.flags() & WinNT.INHERITED_ACE) != 0 ? "inherited" : "explicit") + " entry for "
                                + (ace.sid().isEmpty() ? "ACE type " + ace.type() : ace.sid())));
                    }
                    if (!wrong.isEmpty()) {
                        problems.add(path + " " + String.join(" and ", wrong));
                    }
                    return true;
                }
            });
        } catch (IOException e) {
            problems.add("cannot walk " + folder + " (" + e.getMessage() + "); run doctor elevated (Run as administrator)");
        }
        problems.sort(null); // walk order is the file system's; name them the same way every time
        return summary(folder, problems);
    }

    /** Entries our lock leaves: SYSTEM or Administrators allowed (inherited below the locked folder, or written there). */
    private static boolean ours(Win32Security.Ace ace) {
        return ace.type() == WinNT.ACCESS_ALLOWED_ACE_TYPE && (ace.sid().equalsIgnoreCase(WindowsFolderLock.SYSTEM)
                || ace.sid().equalsIgnoreCase(WindowsFolderLock.ADMINISTRATORS));
    }

    private static List<String> summary(Path folder, List<String> problems) {
        if (problems.isEmpty()) {
            return problems;
        }
        String named = String.join("; ", problems.subList(0, Math.min(NAMED, problems.size())))
                + (problems.size() > NAMED ? "; and " + (problems.size() - NAMED) + " more" : "");
        return List.of("under " + folder + ", which the hooks run as SYSTEM: " + named + "; fix: run the install step again "
                + "as Administrator, which resets the owner and ACL of everything under it");
    }
}
