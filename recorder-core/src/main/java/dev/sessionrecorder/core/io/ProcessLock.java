package dev.sessionrecorder.core.io;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * An exclusive operating-system lock on one file, held until closed: fcntl on Linux, LockFileEx on
 * Windows. The kernel drops it when its holder dies, kill -9 included, so a crashed process never leaves
 * anything locked. The file stays empty and is never deleted (a process that opened it just before a
 * delete would lock a file nobody else can find); on Windows the lock is mandatory, so nothing reads it.
 *
 * <p>POSIX locks belong to the process, and closing any descriptor of the file drops them all: a second
 * attempt in this JVM that merely opened and closed the file would release the first one's lock for
 * every other process. So attempts in this JVM are answered from {@link #HELD_HERE} before the file is
 * opened.
 */
public final class ProcessLock implements AutoCloseable {
    private static final Set<Path> HELD_HERE = ConcurrentHashMap.newKeySet();

    private final Path file;
    private final FileChannel channel;
    private final FileLock lock;

    private ProcessLock(Path file, FileChannel channel, FileLock lock) {
        this.file = file;
        this.channel = channel;
        this.lock = lock;
    }

    /**
     * The lock of {@code file} (created owner-only on POSIX when missing; its folder must exist), or
     * empty while this process or another holds it.
     */
    public static Optional<ProcessLock> tryAcquire(Path file) throws IOException {
        // Keyed by the folder's real path, so two spellings of one file meet in HELD_HERE.
        Path key = file.toAbsolutePath().getParent().toRealPath().resolve(file.getFileName());
        if (!HELD_HERE.add(key)) {
            return Optional.empty();
        }
        try {
            FileChannel channel = FileChannel.open(key, Set.<OpenOption>of(StandardOpenOption.CREATE, StandardOpenOption.WRITE),
                    ownerOnly(key));
            try {
                FileLock lock = tryLock(channel);
                if (lock == null) {
                    channel.close();
                    HELD_HERE.remove(key);
                    return Optional.empty();
                }
                return Optional.of(new ProcessLock(key, channel, lock));
            } catch (IOException | RuntimeException | Error e) {
                channel.close();
                throw e;
            }
        } catch (IOException | RuntimeException | Error e) {
            HELD_HERE.remove(key);
            throw e;
        }
    }

    /** The locked file, by its real path. */
    public Path file() {
        return file;
    }

    private static FileLock tryLock(FileChannel channel) throws IOException {
        try {
            return channel.tryLock();
        } catch (OverlappingFileLockException e) {
            // This JVM holds it through a hard link to the same file: held all the same.
            return null;
        }
    }

    /** Owner-only on POSIX; on Windows the file inherits its folder's ACL (SYSTEM and Administrators). */
    private static FileAttribute<?>[] ownerOnly(Path file) {
        return file.getFileSystem().supportedFileAttributeViews().contains("posix")
                ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------"))}
                : new FileAttribute<?>[0];
    }

    @Override
    public void close() throws IOException {
        try {
            lock.release();
        } finally {
            channel.close();
            HELD_HERE.remove(file);
        }
    }
}
