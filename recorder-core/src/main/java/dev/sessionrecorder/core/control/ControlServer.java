package dev.sessionrecorder.core.control;

import java.io.IOException;
import java.net.BindException;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The recorder's control channel: one request line in, one JSON line out, at a control path in the spool
 * folder (which only SYSTEM and administrators can enter). Whoever holds the OS lock on
 * {@code <control path>.lock} ({@link EndpointLock}) owns the path: a second recorder finds it held and
 * refuses to start, whichever transport either one uses.
 *
 * <p>Two transports, chosen at start by the system property {@code sessionrecorder.control}:
 * <ul>
 *   <li>{@code auto} (default): an AF_UNIX socket at the control path; where the JVM has no AF_UNIX
 *       (Windows before build 17063, such as Server 2016, where {@code ServerSocketChannel.open(UNIX)}
 *       throws {@code UnsupportedOperationException: Protocol family not supported}), loopback TCP.</li>
 *   <li>{@code unix}: AF_UNIX or fail to start.</li>
 *   <li>{@code tcp}: loopback TCP even where AF_UNIX works (tests; operators).</li>
 * </ul>
 * On TCP the server listens on 127.0.0.1 at an ephemeral port and writes {@code <control path>.endpoint}
 * (port, a fresh 256-bit token, pid). Any local user can reach loopback TCP, so every
 * request must be signed with that token (an HMAC; the token itself never crosses the socket); others get {@code {"error":"unauthorized"}} and
 * the handler never sees them. Clients ({@link ControlClient}) find either transport from the same path.
 *
 * <p>Connections are read by one selector thread with a deadline and a cap ({@link Intake}); only
 * complete, admitted requests reach the handler's bounded pool ({@link Workers}).
 */
public final class ControlServer implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(ControlServer.class);
    /** sun_path is 108 bytes on Linux and Windows, including the terminating NUL. */
    static final int MAX_SOCKET_PATH = 107;

    /** How a running control channel is reached. */
    public enum Transport {
        /** An AF_UNIX socket file at the control path. */
        UNIX,
        /** Loopback TCP, announced with its token in {@code <control path>.endpoint}. */
        TCP
    }

    /** Answers one request; the reply is a single line of JSON. */
    @FunctionalInterface
    public interface Handler {
        String handle(String command);
    }

    private final EndpointLock lock;
    private final Listener listener;
    private final Workers workers;
    private final Intake intake;

    private ControlServer(EndpointLock lock, Listener listener, Workers workers) throws IOException {
        this.lock = lock;
        this.listener = listener;
        this.workers = workers;
        this.intake = new Intake(listener.channel, Intake.Limits.DEFAULT, this::take);
    }

    /**
     * Opens the control channel at {@code path}. The endpoint's lock decides who owns it; files a
     * crashed recorder left (a socket file, an endpoint file) are removed only by the new owner.
     *
     * @throws AlreadyRunningException when another recorder owns this endpoint, on either transport
     */
    public static ControlServer start(Path path, Handler handler) throws IOException, AlreadyRunningException {
        return start(path, handler, TransportChoice.fromSystemProperties());
    }

    static ControlServer start(Path path, Handler handler, TransportChoice choice) throws IOException, AlreadyRunningException {
        return start(path, choice, Workers.standard(handler));
    }

    static ControlServer start(Path path, TransportChoice choice, Workers workers) throws IOException, AlreadyRunningException {
        // Checked on TCP too, so a spool.dir that works on a Server 2016 image keeps working on 2019.
        checkLength(path);
        EndpointLock lock;
        try {
            lock = EndpointLock.acquire(path);
        } catch (AlreadyRunningException e) {
            throw new AlreadyRunningException(e.getMessage() + "; " + announced(path));
        }
        try {
            removeStale(path);
            Listener listener = open(path, choice);
            ControlServer s;
            try {
                s = new ControlServer(lock, listener, workers);
            } catch (IOException | RuntimeException e) {
                listener.close();
                throw e;
            }
            s.intake.start();
            log.info("Control channel listening on {}", listener.describe());
            return s;
        } catch (IOException | RuntimeException | Error e) {
            closeQuietly(lock);
            throw e;
        }
    }

    /**
     * Binds under the lock. Nothing of a recorder can be in the way any more, so a path or port that is
     * taken all the same is another program's: said so, rather than mistaken for a running recorder.
     */
    private static Listener open(Path path, TransportChoice choice) throws IOException {
        try {
            return choice.open(path);
        } catch (BindException | FileAlreadyExistsException e) {
            throw new IOException("cannot open the control channel at " + path + " although this recorder holds its lock "
                    + EndpointLock.beside(path).getFileName() + " (" + e + "). Something other than a recorder created it"
                    + " just now. Fix: find what writes into the spool folder", e);
        }
    }

    /** The transport this server listens on, for logs and status. */
    public Transport transport() {
        return listener.transport();
    }

    static void checkLength(Path path) throws IOException {
        int len = path.toAbsolutePath().toString().getBytes(StandardCharsets.UTF_8).length;
        if (len > MAX_SOCKET_PATH) {
            throw new IOException("control socket path " + path + " is " + len + " bytes; sockets allow "
                    + MAX_SOCKET_PATH + ". Fix: choose a shorter spool.dir");
        }
    }

    /** How the owner announced itself, for the "already running" message; it may still be starting. */
    private static String announced(Path path) {
        try {
            Optional<EndpointFile> e = EndpointFile.read(EndpointFile.beside(path));
            if (e.isPresent()) {
                return "its control port 127.0.0.1:" + e.get().port() + " is in " + EndpointFile.beside(path) + " (pid " + e.get().pid() + ")";
            }
        } catch (EndpointFile.Unreadable unreadable) {
            // fall through to the socket, which is all a reader of the message needs
        }
        return Files.exists(path) ? "its control socket is " + path : "it has not opened its control channel yet";
    }

    /** Removes what a dead recorder left at {@code path}; safe because this recorder now holds the endpoint's lock. */
    private static void removeStale(Path path) throws IOException {
        Files.deleteIfExists(path);
        Path file = EndpointFile.beside(path);
        if (Files.exists(file)) {
            log.info("Removing the endpoint file of a recorder that no longer holds {}: {}", EndpointLock.beside(path).getFileName(), file);
            Files.deleteIfExists(file);
        }
    }

    /** On the intake thread: answers refused and liveness requests at once, gives the rest to the workers. */
    private void take(SocketChannel client, String line) {
        Listener.Admission admission = listener.admit(line.strip());
        if (admission.answered()) {
            // One short reply into the fresh connection's empty send buffer: it cannot block the intake.
            Workers.reply(client, admission.reply());
            return;
        }
        workers.run(client, admission);
    }

    /** Stops accepting, lets in-flight replies (such as a stop's final report) finish for up to {@code grace}. */
    public void close(Duration grace) {
        intake.close();
        try {
            listener.channel.close();
        } catch (IOException e) {
            log.debug("closing control channel", e);
        }
        workers.close(grace);
        listener.close();
        closeQuietly(lock);
    }

    private static void closeQuietly(EndpointLock lock) {
        try {
            lock.close();
        } catch (IOException e) {
            log.warn("Could not release the control endpoint's lock; it is released when this process exits", e);
        }
    }

    @Override
    public void close() {
        close(Duration.ofSeconds(2));
    }
}
