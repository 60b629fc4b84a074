package dev.sessionrecorder.installer;

import java.io.IOException;
import java.nio.file.Path;

/**
 * Closes a folder (spool, config, logs) to everyone but SYSTEM and Administrators on Windows, and to
 * everyone but its owner (root, in production) on Linux; then reads the protection back, because a
 * call that returned without error is no proof of what is on disk (a policy, an agent or an earlier
 * install may have left more).
 */
public interface FolderLock {

    /**
     * Creates the folder when it is missing, then restricts it.
     *
     * @throws FolderLockException when the system refuses, naming the folder, the error and the fix
     */
    void restrict(Path folder) throws IOException;

    /** What is on disk now; {@link FolderCheck#ok()} only when it is exactly what {@link #restrict} leaves. */
    FolderCheck verify(Path folder);

    /** Win32 ACLs on Windows, POSIX permissions everywhere else; {@code root} is the install root the folders belong to. */
    static FolderLock forThisPlatform(Path root) {
        boolean windows = System.getProperty("os.name", "").toLowerCase(java.util.Locale.ROOT).startsWith("windows");
        return windows ? new WindowsFolderLock(new JnaWin32Security(), root) : new PosixFolderLock();
    }
}
