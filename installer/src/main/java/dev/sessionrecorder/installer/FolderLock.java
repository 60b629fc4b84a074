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
     * Creates the folder when it is missing, then restricts it and (on Windows) everything already in it.
     *
     * @throws FolderLockException when the system refuses, naming the folder, the error and the fix
     */
    void restrict(Path folder) throws IOException;

    /** What is on disk now; {@link FolderCheck#ok()} only when it is exactly what {@link #restrict} leaves. */
    FolderCheck verify(Path folder);

    /**
     * What is below the folder: on Windows every file and folder in it, since a child keeps its own owner and entries
     * whatever its parent says; on Linux nothing more (without x on the 0700 folder nobody else reaches its children).
     */
    default FolderCheck verifyContents(Path folder) {
        return new FolderCheck(folder, java.util.List.of());
    }

    /**
     * Why this process cannot lock these folders (not elevated; a folder above them someone else owns), asked before
     * anything is created or changed.
     */
    default java.util.Optional<String> cannotLock(java.util.Collection<Path> folders) {
        return java.util.Optional.empty();
    }

    /** Win32 ACLs on Windows, POSIX permissions everywhere else; {@code root} is the install root the folders belong to. */
    static FolderLock forThisPlatform(Path root) {
        boolean windows = System.getProperty("os.name", "").toLowerCase(java.util.Locale.ROOT).startsWith("windows");
        return windows ? new WindowsFolderLock(new JnaWin32Security(), root) : new PosixFolderLock();
    }
}
