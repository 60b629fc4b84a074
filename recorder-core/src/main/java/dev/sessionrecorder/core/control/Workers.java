package dev.sessionrecorder.core.control;

import dev.sessionrecorder.core.control.ControlServer.Handler;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs admitted requests on the handler and writes their replies. Bounded, because nothing unbounded may
 * be reachable from a socket; roomy, because a stop holds its thread for minutes while the recorder
 * drains, and session-end, the CLI and their retries may each send one while a status must still be
 * answered. Only requests the transport admitted get here (on TCP: signed with the token).
 */
final class Workers {
    private static final Logger log = LoggerFactory.getLogger(ControlServer.class);
    static final int MAX_THREADS = 8;
    /** What a client gets when the handler failed, rather than a dropped connection it would retry. */
    static final String FAILED = "{\"error\":\"the recorder failed to answer this request; see its log\"}";

    private final Handler handler;
    private final ExecutorService pool;
    private long busy;

    Workers(Handler handler, ExecutorService pool) {
        this.handler = handler;
        this.pool = pool;
    }

    static Workers standard(Handler handler) {
        // No queue: a request waits for no other; when all are busy it is dropped and its client retries.
        return new Workers(handler, new ThreadPoolExecutor(0, MAX_THREADS, 30, TimeUnit.SECONDS, new SynchronousQueue<>(), r -> {
            Thread t = new Thread(r, "control");
            t.setDaemon(true);
            return t;
        }));
    }

    /** Called on the intake thread only. Any other failure to dispatch propagates to it, which drops the client. */
    void run(SocketChannel client, Listener.Admission admission) {
        try {
            pool.execute(() -> serve(client, admission));
        } catch (RejectedExecutionException e) {
            close(client);
            busy++;
            if (busy == 1 || busy % 100 == 0) {
                log.warn("All {} control workers are busy; dropped {} request(s) so far, whose clients retry", MAX_THREADS, busy);
            }
        }
    }

    private void serve(SocketChannel client, Listener.Admission admission) {
        String reply;
        try {
            reply = handler.handle(admission.command());
        } catch (RuntimeException | Error e) {
            log.warn("Control request \"{}\" failed", admission.command(), e);
            reply = FAILED;
        }
        reply(client, admission.seal().apply(reply));
    }

    /** Writes one reply line and closes the connection. */
    static void reply(SocketChannel client, String line) {
        try (client) {
            ByteBuffer out = ByteBuffer.wrap((line + "\n").getBytes(StandardCharsets.UTF_8));
            while (out.hasRemaining()) {
                client.write(out);
            }
        } catch (IOException e) {
            log.debug("Control client went away before its reply", e);
        }
    }

    private static void close(SocketChannel client) {
        try {
            client.close();
        } catch (IOException e) {
            log.debug("closing a control connection", e);
        }
    }

    /** Lets running requests (such as a stop's final report) finish for up to {@code grace}. */
    void close(Duration grace) {
        pool.shutdown();
        try {
            pool.awaitTermination(grace.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
