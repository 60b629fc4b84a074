package dev.sessionrecorder.installer;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The folders above the install root (and above a spool or log folder outside it). Whoever owns one of them may grant
 * themselves the right to delete its children, and so rename the locked root away and put a folder of their own in its
 * place, whatever the root's own DACL says: a C:\ProgramData\Vendor a user created first is theirs. A reparse point
 * above it sends the whole install somewhere else. Either makes the root unfit; the drive's own root is left out.
 */
final class WindowsAncestors {
    private final Win32Security win32;

    WindowsAncestors(Win32Security win32) {
        this.win32 = win32;
    }

    /** One sentence per ancestor of {@code folder} that someone other than SYSTEM, Administrators, TrustedInstaller or this account controls. */
    List<String> problems(Path folder) {
        List<String> problems = new ArrayList<>();
        Path target = folder.toAbsolutePath().normalize();
        String self = win32.userSid();
        for (Path p = target.getParent(); p != null && !p.equals(p.getRoot()); p = p.getParent()) {
            String path = p.toString();
            Win32Security.Attributes a = win32.attributes(path);
            if (a.absent()) {
                continue; // install creates it, owned by this account
            }
            if (a.bits() == Win32Security.INVALID_FILE_ATTRIBUTES) {
                problems.add("could not read the attributes of " + path + " above " + target + " (Win32 error " + a.error() + ")");
                continue;
            }
            if (a.reparsePoint()) {
                problems.add(path + ", above " + target + ", is a junction, mount point or symbolic link, so the install would land "
                        + "wherever it points; fix: choose a root whose folders are all real, e.g. C:\\SessionRecording");
                continue;
            }
            Win32Security.DaclReading dacl = win32.readDacl(path);
            if (dacl.error() != 0) {
                problems.add("could not read the owner of " + path + " above " + target + " (Win32 error " + dacl.error() + ")");
                continue;
            }
            String owner = dacl.owner().toUpperCase(Locale.ROOT);
            if (!WindowsTreeCheck.TRUSTED_OWNERS.contains(owner) && !owner.equalsIgnoreCase(self)) {
                problems.add(path + ", above " + target + ", is owned by " + (owner.isEmpty() ? "nobody readable" : dacl.owner())
                        + ", who may rename " + target + " away and put a folder of their own in its place; fix: choose a root "
                        + "under a folder Administrators own (e.g. C:\\SessionRecording), or make them its owner with icacls \""
                        + path + "\" /setowner *S-1-5-32-544");
            }
        }
        return problems;
    }
}
