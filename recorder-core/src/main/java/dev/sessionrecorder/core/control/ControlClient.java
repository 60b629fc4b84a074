package dev.sessionrecorder.core.control;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeoutException;

/**
 * Sends one command to a recorder's control channel and returns its JSON reply. Callers name the control
 * path the recorder was given; whether the recorder listens there on AF_UNIX or announced a loopback TCP
 * port beside it (see {@link ControlServer}) is found here.
 */
public final class ControlClient {
    /** Between attempts after a dropped connection: the recorder sheds load in bursts, not for long. */
    private static final Duration RETRY_PAUSE = Duration.ofMillis(100);

    private ControlClient() {}

    /**
     * Sends {@code command}, asking again while the recorder drops the connection before replying (it sheds
     * idle and excess connections, which another local user can open by the thousand) and time remains.
     *
     * @throws NotRunningException when nothing listens at {@code socket}
     * @throws TimeoutException    when the recorder does not answer within {@code timeout}
     * @throws IOException         when the connection breaks until the timeout, or a TCP reply is not signed with the recorder's token
     */
    public static String send(Path socket, String command, Duration timeout)
            throws IOException, NotRunningException, TimeoutException, InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            try (Connection c = Connection.open(socket)) {
                return c.exchange(command, Duration.ofNanos(Math.max(1, deadline - System.nanoTime())));
            } catch (Connection.Dropped e) {
                if (deadline - System.nanoTime() < RETRY_PAUSE.toNanos()) {
                    throw e;
                }
                Thread.sleep(RETRY_PAUSE.toMillis());
            }
        }
    }

    /**
     * Polls a starting recorder's status until it reports a captured frame: true then, false when the
     * process exits or {@code timeout} passes first. Starting a JVM and opening the screen take seconds,
     * and "started" means nothing until frames arrive.
     */
    public static boolean awaitCapturing(Process recorder, Path socket, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (recorder.isAlive() && System.nanoTime() < deadline) {
            try {
                String status = send(socket, "status", Duration.ofSeconds(5));
                if (dev.sessionrecorder.core.spool.Json.mapper().readTree(status).path("framesCaptured").asLong() > 0) {
                    return true;
                }
            } catch (IOException | NotRunningException | TimeoutException notYet) {
                // not listening yet, or still starting: ask again
            }
            Thread.sleep(200);
        }
        return false;
    }

    /** Nothing is listening at the control path, on either transport. */
    public static final class NotRunningException extends Exception {
        private static final long serialVersionUID = 1L;

        public NotRunningException(String message) {
            super(message);
        }
    }
}
