package dev.sessionrecorder.core.control;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The recorder's control channel: one request line in, one JSON line out, at a control path in the spool
 * folder (which only SYSTEM and administrators can enter). The path is also the "a recorder is running"
 * lock: a second recorder finds a live channel there and refuses to start.
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
 * The lock holds across transports: a live recorder on either one makes {@link #start} refuse.
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
        TCP;

        Transport other() {
            return this == UNIX ? TCP : UNIX;
        }
    }

    /** Answers one request; the reply is a single line of JSON. */
    @FunctionalInterface
    public interface Handler {
        String handle(String command);
    }

    private final Listener listener;
    private final ExecutorService workers = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "control");
        t.setDaemon(true);
        return t;
    });

    private ControlServer(Listener listener) {
        this.listener = listener;
    }

    /**
     * Opens the control channel at {@code path}. Files left by a crashed recorder (a socket nobody
     * listens on, an endpoint file whose port does not answer with its token) are removed; a live channel
     * on either transport means another recorder owns this spool.
     */
    public static ControlServer start(Path path, Handler handler) throws IOException, AlreadyRunningException {
        return start(path, handler, TransportChoice.fromSystemProperties());
    }

    static ControlServer start(Path path, Handler handler, TransportChoice choice) throws IOException, AlreadyRunningException {
        // Checked on TCP too, so a spool.dir that works on a Server 2016 image keeps working on 2019.
        checkLength(path);
        for (Transport t : Transport.values()) {
            refuseIfAnswering(path, t);
        }
        removeStale(path);
        Listener listener;
        try {
            listener = choice.open(path);
        } catch (FileAlreadyExistsException e) {
            throw new AlreadyRunningException("a recorder is already running (it wrote " + e.getFile() + " while this one started)");
        }
        // Two recorders starting at once on different transports both pass the checks above; each looks
        // again after binding, so at most one keeps the spool (at worst both give up).
        try {
            refuseIfAnswering(path, listener.transport().other());
        } catch (AlreadyRunningException e) {
            listener.close();
            throw e;
        }
        ControlServer s = new ControlServer(listener);
        Thread accept = new Thread(() -> s.acceptLoop(handler), "control-accept");
        accept.setDaemon(true);
        accept.start();
        log.info("Control channel listening on {}", listener.describe());
        return s;
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

    private static void refuseIfAnswering(Path path, Transport transport) throws AlreadyRunningException {
        Optional<String> live = Connection.answering(path, transport);
        if (live.isPresent()) {
            throw new AlreadyRunningException("a recorder is already running (" + live.get() + ")");
        }
    }

    /** Removes what a dead recorder left at {@code path}; called only after neither transport answered. */
    private static void removeStale(Path path) throws IOException {
        Files.deleteIfExists(path);
        Path file = EndpointFile.beside(path);
        try {
            Optional<EndpointFile> stale = EndpointFile.read(file);
            if (stale.isPresent()) {
                log.info("Removing the endpoint file of a control channel that no longer answers: {}", file);
                EndpointFile.deleteIfStill(file, stale.get());
            }
        } catch (EndpointFile.Unreadable e) {
            log.warn("Removing an endpoint file that no recorder wrote whole: {}", e.getMessage());
            Files.deleteIfExists(file);
        }
    }

    private void acceptLoop(Handler handler) {
        while (listener.channel.isOpen()) {
            try {
                SocketChannel client = listener.channel.accept();
                workers.execute(() -> serve(client, handler));
            } catch (ClosedChannelException e) {
                return;
            } catch (IOException e) {
                log.warn("Control channel accept failed", e);
                try {
                    Thread.sleep(100); // e.g. out of file descriptors: do not spin
                } catch (InterruptedException ie) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }

    private void serve(SocketChannel client, Handler handler) {
        try (client) {
            String request = Lines.readLine(client, 4096);
            if (request == null) {
                return; // a liveness probe: connected and left
            }
            String reply = listener.answer(request.strip(), handler);
            client.write(ByteBuffer.wrap((reply + "\n").getBytes(StandardCharsets.UTF_8)));
        } catch (IOException e) {
            log.debug("Control client went away before its reply", e);
        } catch (RuntimeException e) {
            log.warn("Control request failed", e);
        }
    }

    /** Stops accepting, lets in-flight replies (such as a stop's final report) finish for up to {@code grace}. */
    public void close(Duration grace) {
        try {
            listener.channel.close();
        } catch (IOException e) {
            log.debug("closing control channel", e);
        }
        workers.shutdown();
        try {
            workers.awaitTermination(grace.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        listener.close();
    }

    @Override
    public void close() {
        close(Duration.ofSeconds(2));
    }
}
