package dev.sessionrecorder.core.control;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Ownership of one control endpoint: an exclusive OS lock on {@code <endpoint>.lock} beside it, held for
 * the recorder's life. Asking "does a recorder answer?" and then removing what looked stale is two steps;
 * two recorders started together both passed the first, and the second deleted the first one's live
 * socket or endpoint file, leaving a recorder nothing could reach or stop. The lock makes it one step,
 * on either transport, and the kernel drops it when its holder dies, kill -9 included.
 *
 * <p>The file is never deleted: a starter that opened it just before a delete would lock a file nobody
 * else can find, and a third would lock the new one beside it. It stays empty; on Windows the lock is
 * mandatory, so nothing may read it.
 */
final class EndpointLock implements AutoCloseable {
    static final String SUFFIX = ".lock";
    /**
     * Endpoints this JVM holds. POSIX locks belong to the process, and closing any descriptor of the file
     * drops them all: a second start in this JVM that merely opened and closed the file would release the
     * first one's lock for every other process. So a start in the same JVM is refused before it opens it.
     */
    private static final Set<Path> HELD_HERE = ConcurrentHashMap.newKeySet();

    private final Path file;
    private final FileChannel channel;
    private final FileLock lock;

    private EndpointLock(Path file, FileChannel channel, FileLock lock) {
        this.file = file;
        this.channel = channel;
        this.lock = lock;
    }

    static Path beside(Path endpoint) {
        return endpoint.resolveSibling(endpoint.getFileName() + SUFFIX);
    }

    /**
     * Takes the lock of {@code endpoint} without waiting.
     *
     * @throws AlreadyRunningException when another recorder, in this process or any other, holds it
     * @throws IOException             when the lock file cannot be created or locked at all
     */
    static EndpointLock acquire(Path endpoint) throws IOException, AlreadyRunningException {
        // Keyed by the folder's real path, so two spellings of one endpoint meet in HELD_HERE.
        Path file = beside(endpoint.toAbsolutePath().getParent().toRealPath().resolve(endpoint.getFileName()));
        if (!HELD_HERE.add(file)) {
            throw held(endpoint, file);
        }
        try {
            FileChannel channel = FileChannel.open(file, Set.<OpenOption>of(StandardOpenOption.CREATE, StandardOpenOption.WRITE),
                    ownerOnly(file));
            try {
                FileLock lock = tryLock(channel);
                if (lock == null) {
                    throw held(endpoint, file);
                }
                return new EndpointLock(file, channel, lock);
            } catch (IOException | AlreadyRunningException | RuntimeException | Error e) {
                channel.close();
                throw e;
            }
        } catch (IOException | AlreadyRunningException | RuntimeException | Error e) {
            HELD_HERE.remove(file);
            throw e;
        }
    }

    private static FileLock tryLock(FileChannel channel) throws IOException {
        try {
            return channel.tryLock();
        } catch (OverlappingFileLockException e) {
            // This JVM holds it through a hard link to the same file: held all the same.
            return null;
        }
    }

    private static AlreadyRunningException held(Path endpoint, Path file) {
        return new AlreadyRunningException("a recorder is already running at " + endpoint + " (it holds " + file + ")");
    }

    /** Owner-only on POSIX; on Windows the file inherits the spool folder's ACL (SYSTEM and Administrators). */
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
