package dev.sessionrecorder.core.io;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFileAttributeView;

/**
 * Replaces a file so that a reader (AppStream, a recorder starting, an auditor's tool) or a crash sees
 * the old content or the new, never half of one: write a temporary file in the same folder, flush it to
 * disk, move it in.
 */
public final class AtomicFiles {
    private AtomicFiles() {}

    /** Writes {@code target}, keeping its POSIX mode when it already exists. */
    public static void write(Path target, byte[] bytes) throws IOException {
        write(target, bytes, target);
    }

    /**
     * @param permissionsFrom a file whose POSIX mode the result takes when it exists: a temporary file
     *                        is created rw-------, and a rewrite must not hide a file from its readers
     */
    public static void write(Path target, byte[] bytes, Path permissionsFrom) throws IOException {
        Path tmp = Files.createTempFile(target.getParent(), target.getFileName() + ".", ".tmp");
        try {
            PosixFileAttributeView view = Files.getFileAttributeView(tmp, PosixFileAttributeView.class);
            if (view != null && Files.exists(permissionsFrom)) {
                view.setPermissions(Files.getPosixFilePermissions(permissionsFrom));
            }
            try (FileChannel out = FileChannel.open(tmp, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)) {
                ByteBuffer buffer = ByteBuffer.wrap(bytes);
                while (buffer.hasRemaining()) {
                    out.write(buffer);
                }
                out.force(true);
            }
            Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }
}
