package dev.sessionrecorder.installer;

import com.sun.jna.platform.win32.WinNT;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * A protected DACL of exactly two entries, SYSTEM and BUILTIN\Administrators with full control, both
 * inherited by every subfolder and file, and Administrators as owner, of the folder and of everything already in it
 * (TreeResetNamedSecurityInfo: children lose their explicit entries and get Administrators as owner).
 *
 * <p>The owner matters as much as the entries: the owner of a folder may always rewrite its DACL, so a
 * folder a user created before the install (and so owns) would be theirs to reopen whatever the DACL says.
 *
 * <p>Protected (inheritance from the parent off) because the parent is usually C:\ProgramData or the
 * install root, where Users may have write or create access that would otherwise flow in. The SIDs are
 * the well-known strings, never account names: "Administrators" is "Administrateurs" on a French image.
 * The mask is FILE_ALL_ACCESS (0x1F01FF, what icacls calls F), not GENERIC_ALL: Windows stores generic
 * bits unmapped and splits such ACEs into two on the children it propagates them to, so reading back
 * would not give what was written; FILE_ALL_ACCESS reads back as written, on the folder and below.
 * A GENERIC_ALL entry someone else wrote is still accepted as full control by {@link #verify}.
 */
final class WindowsFolderLock implements FolderLock {
    static final String SYSTEM = "S-1-5-18";
    static final String ADMINISTRATORS = "S-1-5-32-544";
    static final int FULL_CONTROL = WinNT.FILE_ALL_ACCESS;
    static final int INHERIT = WinNT.OBJECT_INHERIT_ACE | WinNT.CONTAINER_INHERIT_ACE;
    /** Flags that would keep an ACE from applying to the folder itself or from reaching grandchildren. */
    static final int NOT_APPLYING = WinNT.INHERIT_ONLY_ACE | WinNT.NO_PROPAGATE_INHERIT_ACE;
    static final int SET_OWNER_AND_PROTECTED_DACL = WinNT.OWNER_SECURITY_INFORMATION | WinNT.DACL_SECURITY_INFORMATION
            | WinNT.PROTECTED_DACL_SECURITY_INFORMATION;
    static final List<Win32Security.Ace> DACL = List.of(
            new Win32Security.Ace(WinNT.ACCESS_ALLOWED_ACE_TYPE, INHERIT, FULL_CONTROL, SYSTEM),
            new Win32Security.Ace(WinNT.ACCESS_ALLOWED_ACE_TYPE, INHERIT, FULL_CONTROL, ADMINISTRATORS));

    /** Names for messages only; the checks compare SIDs. */
    private static final Map<String, String> WELL_KNOWN = Map.of(
            SYSTEM, "SYSTEM",
            ADMINISTRATORS, "BUILTIN\\Administrators",
            "S-1-5-32-545", "BUILTIN\\Users",
            "S-1-1-0", "Everyone",
            "S-1-5-11", "Authenticated Users",
            "S-1-3-0", "CREATOR OWNER",
            "S-1-3-4", "OWNER RIGHTS");

    private static final String FIX = "fix: run the install step again as Administrator, which rewrites the folder's ACL";

    private final Win32Security win32;
    private final WindowsTreeCheck tree;
    private final WindowsAncestors ancestors;
    private final Path root;

    /** {@code root}: the install root; folders under it are checked for reparse points from the root down. */
    WindowsFolderLock(Win32Security win32, Path root) {
        this.win32 = win32;
        this.tree = new WindowsTreeCheck(win32);
        this.ancestors = new WindowsAncestors(win32);
        this.root = root.toAbsolutePath().normalize();
    }

    @Override
    public void restrict(Path folder) throws IOException {
        if (Files.isSymbolicLink(folder)) {
            throw new FolderLockException(folder + " is a symbolic link; replace it with a real folder, then run this again");
        }
        // Checked before creating anything (createDirectories would follow a junction too) and again after,
        // so that what SetNamedSecurityInfo gets is a chain of real folders.
        List<String> above = aboveProblems(folder);
        if (!above.isEmpty()) {
            throw new FolderLockException("not locking " + folder.toAbsolutePath() + ": " + above.get(0));
        }
        Optional<String> redirect = redirection(folder);
        if (redirect.isEmpty()) {
            Files.createDirectories(folder);
            redirect = redirection(folder);
        }
        if (redirect.isPresent()) {
            throw new FolderLockException("not locking " + folder.toAbsolutePath() + ": " + redirect.get());
        }
        // Reset below it too, never just the folder: what was there before the lock (a user's java.exe or same-bytes
        // jar, planted while a first run left the folder open) keeps its owner and entries otherwise.
        Optional<Path> link = tree.firstReparsePoint(folder);
        if (link.isPresent()) {
            throw new FolderLockException("not locking " + folder.toAbsolutePath() + ": " + link.get() + " inside it is a junction, "
                    + "mount point or symbolic link, and resetting the tree would reach wherever it points; fix: remove it (rmdir \""
                    + link.get() + "\" or del it, which removes only the link), then run the install step again");
        }
        String path = folder.toAbsolutePath().toString();
        int error = win32.resetTree(path, SET_OWNER_AND_PROTECTED_DACL, ADMINISTRATORS, DACL);
        if (error != 0) {
            throw new FolderLockException("could not restrict " + path + " and everything in it to SYSTEM and Administrators: "
                    + "TreeResetNamedSecurityInfo failed with Win32 error " + error + describeReset(error, path));
        }
    }

    @Override
    public Optional<String> cannotLock(java.util.Collection<Path> folders) {
        // Checked before anything is created: a non-elevated run would create the root with C:\'s inherited "Users may
        // create" entries and only then fail (1307), leaving a folder users can plant files in before the elevated rerun.
        if (!win32.elevated()) {
            return Optional.of("run the installer from an elevated prompt (Run as administrator); nothing was changed");
        }
        for (Path folder : folders) {
            List<String> above = aboveProblems(folder);
            if (!above.isEmpty()) {
                return Optional.of("Nothing installed: " + above.get(0));
            }
        }
        return Optional.empty();
    }

    /** The root's ancestors, and those of a folder outside the root; a folder under the root shares the root's. */
    private List<String> aboveProblems(Path folder) {
        Path target = folder.toAbsolutePath().normalize();
        return target.startsWith(root) && !target.equals(root) ? List.of() : ancestors.problems(target);
    }

    @Override
    public FolderCheck verifyContents(Path folder) {
        return new FolderCheck(folder, tree.problems(folder));
    }

    @Override
    public FolderCheck verify(Path folder) {
        String path = folder.toAbsolutePath().toString();
        if (!Files.isDirectory(folder)) {
            return new FolderCheck(folder, List.of(path + " does not exist or is not a folder; run the install step, "
                    + "which creates and restricts it"));
        }
        Optional<String> redirect = redirection(folder);
        if (redirect.isPresent()) {
            return new FolderCheck(folder, List.of(path + " is not locked as it seems: " + redirect.get()));
        }
        List<String> above = aboveProblems(folder);
        if (!above.isEmpty()) {
            return new FolderCheck(folder, above);
        }
        Win32Security.DaclReading dacl = win32.readDacl(path);
        if (dacl.error() != 0) {
            return new FolderCheck(folder, List.of("could not read the ACL of " + path + ": GetNamedSecurityInfo failed with "
                    + "Win32 error " + dacl.error() + describe(dacl.error())));
        }
        List<String> problems = new ArrayList<>();
        if (!dacl.owner().equalsIgnoreCase(SYSTEM) && !dacl.owner().equalsIgnoreCase(ADMINISTRATORS)) {
            problems.add(path + " is owned by " + (dacl.owner().isEmpty() ? "nobody readable" : name(dacl.owner()))
                    + ", who may rewrite its ACL at any time (an owner always can); " + FIX);
        }
        if ((dacl.control() & WinNT.SE_DACL_PROTECTED) == 0) {
            problems.add(path + " still inherits entries from its parent folder, so whoever may write there may write here; "
                    + FIX);
        }
        if (dacl.aces() == null) {
            problems.add(path + " has a NULL DACL, which lets everyone in; " + FIX);
            return new FolderCheck(folder, problems);
        }
        List<String> seen = new ArrayList<>();
        for (Win32Security.Ace ace : dacl.aces()) {
            checkAce(path, ace, seen, problems);
        }
        for (String wanted : List.of(SYSTEM, ADMINISTRATORS)) {
            if (!seen.contains(wanted)) {
                problems.add(path + " has no entry granting " + name(wanted) + " full control; " + FIX);
            }
        }
        return new FolderCheck(folder, problems);
    }

    /**
     * Why the folder cannot be trusted to be where it seems, if so: it, or a folder between the install root
     * and it (for a folder outside the root: any folder above it), is a reparse point. Files.isSymbolicLink
     * is false for a junction or mount point, and SetNamedSecurityInfo follows them, so locking through one
     * would lock whatever it points at and leave the path's real target in the hands of whoever made the link.
     */
    private Optional<String> redirection(Path folder) {
        Path target = folder.toAbsolutePath().normalize();
        Path top = target.startsWith(root) ? root : target.getRoot();
        List<Path> chain = new ArrayList<>();
        for (Path p = target; p != null && p.startsWith(top) && !p.equals(p.getRoot()); p = p.getParent()) {
            chain.add(0, p);
        }
        for (Path p : chain) {
            Win32Security.Attributes a = win32.attributes(p.toString());
            if (a.absent()) {
                return Optional.empty(); // nothing below a missing folder exists either
            }
            if (a.bits() == Win32Security.INVALID_FILE_ATTRIBUTES) {
                return Optional.of("could not read the attributes of " + p + ": GetFileAttributes failed with Win32 error "
                        + a.error() + describe(a.error()));
            }
            if (a.reparsePoint()) {
                return Optional.of(p + " is a junction, mount point or symbolic link (a reparse point), so the lock would land "
                        + "wherever it points; fix: remove the link (rmdir \"" + p + "\" without /s removes only the link), "
                        + "then run the install step again, which creates a real folder");
            }
        }
        return Optional.empty();
    }

    private static void checkAce(String path, Win32Security.Ace ace, List<String> seen, List<String> problems) {
        boolean wanted = ace.sid().equalsIgnoreCase(SYSTEM) || ace.sid().equalsIgnoreCase(ADMINISTRATORS);
        String who = name(ace.sid());
        if (ace.type() != WinNT.ACCESS_ALLOWED_ACE_TYPE || !wanted || seen.contains(ace.sid().toUpperCase(Locale.ROOT))) {
            String kind = ace.type() == WinNT.ACCESS_ALLOWED_ACE_TYPE ? "allow" : ace.type() == WinNT.ACCESS_DENIED_ACE_TYPE
                    ? "deny" : "type " + ace.type();
            problems.add(path + " has an unexpected " + kind + " entry for " + who + " (mask " + hex(ace.mask())
                    + "); only SYSTEM and Administrators may be listed, once each; " + FIX);
            return;
        }
        seen.add(ace.sid().toUpperCase(Locale.ROOT));
        boolean full = (ace.mask() & FULL_CONTROL) == FULL_CONTROL || (ace.mask() & WinNT.GENERIC_ALL) != 0;
        if (!full) {
            problems.add(path + " grants " + who + " only " + hex(ace.mask()) + ", not full control (" + hex(FULL_CONTROL)
                    + "); " + FIX);
        }
        if ((ace.flags() & INHERIT) != INHERIT || (ace.flags() & NOT_APPLYING) != 0) {
            problems.add(path + ": the entry for " + who + " has flags " + hex(ace.flags()) + ", so it does not apply to the "
                    + "folder and everything in it (want OBJECT_INHERIT|CONTAINER_INHERIT, " + hex(INHERIT) + "); " + FIX);
        }
    }

    private static String name(String sid) {
        String known = WELL_KNOWN.get(sid.toUpperCase(Locale.ROOT));
        return known == null ? sid : known + " (" + sid + ")";
    }

    private static String hex(int value) {
        return "0x" + Integer.toHexString(value);
    }

    /** Access denied inside an elevated run means a file below denies Administrators: its owner set it so. */
    private static String describeReset(int error, String path) {
        if (error == 5) {
            return " (access denied): something inside denies Administrators, as its owner may have set it; fix: take it back "
                    + "with takeown /F \"" + path + "\" /R /A /D Y from an elevated prompt, then run the install step again";
        }
        return describe(error);
    }

    private static String describe(int error) {
        return switch (error) {
            case 5 -> " (access denied); run it from an elevated prompt (Run as administrator)";
            // SetNamedSecurityInfo refuses to make Administrators the owner for a process without that group enabled.
            case 1307 -> " (this account may not be made the owner); run the installer elevated (Run as administrator)";
            case 2, 3 -> " (not found); check that the path exists and run the install step again";
            default -> "; see https://learn.microsoft.com/windows/win32/debug/system-error-codes for what it means";
        };
    }
}
