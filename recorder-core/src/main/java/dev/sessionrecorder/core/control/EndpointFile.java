package dev.sessionrecorder.core.control;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.sessionrecorder.core.spool.Json;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Optional;

/**
 * Announces a TCP control channel: {@code <control path>.endpoint}, beside where the AF_UNIX socket
 * would be, holding {@code {"port":49731,"token":"<43 base64url chars>","pid":1234}}. The host is always
 * 127.0.0.1 and is not read from the file, so the file cannot send a client elsewhere.
 *
 * <p>The token is the channel's only access control, so the file must be readable by nobody but the
 * recorder's peers: on Windows it inherits the spool folder's ACL (SYSTEM and Administrators), on POSIX
 * it is created owner-only.
 */
record EndpointFile(int port, String token, long pid) {
    static final String SUFFIX = ".endpoint";

    static Path beside(Path socket) {
        return socket.resolveSibling(socket.getFileName() + SUFFIX);
    }

    /**
     * Writes the file whole (a temporary file renamed into place, so no reader sees half of it) and never
     * over another one: two recorders starting at once cannot both announce themselves.
     *
     * @throws FileAlreadyExistsException when an endpoint file appeared since the caller removed the stale one
     */
    void publish(Path file) throws IOException {
        Path dir = file.toAbsolutePath().getParent();
        FileAttribute<?>[] ownerOnly = dir.getFileSystem().supportedFileAttributeViews().contains("posix")
                ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------"))}
                : new FileAttribute<?>[0];
        Path tmp = Files.createTempFile(dir, file.getFileName().toString(), ".tmp", ownerOnly);
        try {
            Files.writeString(tmp, Json.mapper().writeValueAsString(this), StandardCharsets.UTF_8);
            // No REPLACE_EXISTING: on Windows MoveFileEx then fails atomically when the target exists; on
            // POSIX the JDK checks and renames, leaving a window of microseconds, where AF_UNIX is used anyway.
            Files.move(tmp, file);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    /**
     * The endpoint in {@code file}; empty when there is none. A file that does not parse is reported as
     * {@link Unreadable} so the caller can treat it as stale: it was not written by a live recorder, which
     * renames only whole files into place.
     */
    static Optional<EndpointFile> read(Path file) throws Unreadable {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw new Unreadable(file + ": " + e.getMessage());
        }
        try {
            EndpointFile e = Json.mapper().readValue(text, EndpointFile.class);
            if (e.port() < 1 || e.port() > 65535 || e.token() == null) {
                throw new Unreadable(file + " names no usable port and token");
            }
            Token.decode(e.token());
            return Optional.of(e);
        } catch (JsonProcessingException | IllegalArgumentException e) {
            throw new Unreadable(file + " is not an endpoint file: " + e.getMessage());
        }
    }

    /** Deletes {@code file} if it still holds {@code expected} (another recorder may have replaced it meanwhile). */
    static void deleteIfStill(Path file, EndpointFile expected) throws IOException {
        try {
            if (read(file).filter(expected::equals).isPresent()) {
                Files.deleteIfExists(file);
            }
        } catch (Unreadable e) {
            // not ours any more
        }
    }

    Token secret() {
        return Token.decode(token);
    }

    /** Content that no live recorder wrote: a torn copy, someone else's file, or a file we may not read. */
    static final class Unreadable extends Exception {
        private static final long serialVersionUID = 1L;

        Unreadable(String message) {
            super(message);
        }
    }
}
