package dev.sessionrecorder.installer;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;

/**
 * Renames a folder, as Windows does it: the rename fails (sharing violation or access denied) while any file under the
 * folder is open, by a running hook or recorder or by an antivirus scanning the files just written, which lets go
 * within seconds. {@link #patient} retries such a failure with a short backoff for about ten seconds.
 */
interface FolderMoves {
    Duration PATIENCE = Duration.ofSeconds(10);
    Duration FIRST_WAIT = Duration.ofMillis(100);
    Duration LONGEST_WAIT = Duration.ofSeconds(1);

    void move(Path from, Path to) throws IOException;

    /** One atomic rename; a folder never exists half-moved. */
    FolderMoves ATOMIC = (from, to) -> Files.move(from, to, StandardCopyOption.ATOMIC_MOVE);

    interface Sleeper {
        void sleep(Duration d) throws InterruptedException;
    }

    /** {@code moves}, retried on any failure but "not there" and "already there" (those do not go away by waiting). */
    static FolderMoves patient(FolderMoves moves, Sleeper sleeper) {
        return (from, to) -> {
            Duration waited = Duration.ZERO;
            Duration next = FIRST_WAIT;
            while (true) {
                try {
                    moves.move(from, to);
                    return;
                } catch (NoSuchFileException | FileAlreadyExistsException e) {
                    throw e;
                } catch (IOException e) {
                    if (waited.compareTo(PATIENCE) >= 0) {
                        throw e;
                    }
                    try {
                        sleeper.sleep(next);
                    } catch (InterruptedException interrupted) {
                        Thread.currentThread().interrupt();
                        throw e;
                    }
                    waited = waited.plus(next);
                    next = next.multipliedBy(2).compareTo(LONGEST_WAIT) > 0 ? LONGEST_WAIT : next.multipliedBy(2);
                }
            }
        };
    }
}
