package dev.sessionrecorder.core.control;

import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.file.Path;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Which transport a {@link ControlServer} opens: AF_UNIX where the JVM has it, loopback TCP where it does
 * not (Windows before build 17063, e.g. Server 2016), or whichever the system property
 * {@value #PROPERTY} forces ({@code auto}, the default; {@code unix}; {@code tcp}).
 */
final class TransportChoice {
    static final String PROPERTY = "sessionrecorder.control";
    private static final Logger log = LoggerFactory.getLogger(ControlServer.class);

    enum Mode {
        /** AF_UNIX, and loopback TCP when this JVM cannot open AF_UNIX sockets. */
        AUTO,
        /** AF_UNIX or fail: for operators who would rather not start than listen on TCP. */
        UNIX,
        /** Loopback TCP even where AF_UNIX works: for tests on Linux, and for Windows builds where AF_UNIX misbehaves. */
        TCP
    }

    /** Opens and binds an AF_UNIX server socket; the seam through which tests play a JVM without AF_UNIX. */
    @FunctionalInterface
    interface UnixBinder {
        UnixBinder JDK = path -> {
            ServerSocketChannel ch = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
            try {
                ch.bind(UnixDomainSocketAddress.of(path), Listener.BACKLOG);
                return ch;
            } catch (IOException | RuntimeException e) {
                ch.close();
                throw e;
            }
        };

        ServerSocketChannel bind(Path socket) throws IOException;
    }

    private final Mode mode;
    private final UnixBinder unix;

    TransportChoice(Mode mode, UnixBinder unix) {
        this.mode = mode;
        this.unix = unix;
    }

    /** @throws IOException when {@value #PROPERTY} holds something other than auto, unix or tcp */
    static TransportChoice fromSystemProperties() throws IOException {
        String value = System.getProperty(PROPERTY, "auto").strip();
        try {
            return new TransportChoice(Mode.valueOf(value.toUpperCase(Locale.ROOT)), UnixBinder.JDK);
        } catch (IllegalArgumentException e) {
            throw new IOException("system property " + PROPERTY + " is \"" + value + "\". Fix: use auto, unix or tcp");
        }
    }

    Listener open(Path socket) throws IOException {
        if (mode == Mode.TCP) {
            return tcp(socket, "forced by -D" + PROPERTY + "=tcp");
        }
        String unsupported;
        try {
            return Listener.unix(socket, unix);
        } catch (UnsupportedOperationException e) {
            // What the JDK throws when it found no AF_UNIX provider at start-up (Windows before build
            // 17063): SocketChannel/ServerSocketChannel.open(UNIX) -> "Protocol family not supported".
            unsupported = e.toString();
        } catch (IOException e) {
            if (!familyUnsupported(e)) {
                throw e;
            }
            unsupported = e.toString();
        }
        if (mode == Mode.UNIX) {
            throw new IOException("AF_UNIX sockets are not available in this JVM (" + unsupported + ") and -D" + PROPERTY
                    + "=unix forbids the TCP fallback. Fix: remove the property or set it to auto");
        }
        return tcp(socket, "AF_UNIX is not available in this JVM: " + unsupported);
    }

    /**
     * A socket call that failed because the OS has no such protocol family rather than for a reason of
     * its own (permissions, path). Texts of EAFNOSUPPORT from Linux strerror, and of WSAEAFNOSUPPORT,
     * WSAEPFNOSUPPORT and WSAEPROTONOSUPPORT from the JDK's Windows NET_ThrowNew table.
     */
    static boolean familyUnsupported(IOException e) {
        String m = String.valueOf(e.getMessage()).toLowerCase(Locale.ROOT);
        return m.contains("family not supported") || m.contains("protocol not supported");
    }

    private static Listener tcp(Path socket, String why) throws IOException {
        log.info("Control channel uses loopback TCP: {}", why);
        return Listener.tcp(socket);
    }
}
