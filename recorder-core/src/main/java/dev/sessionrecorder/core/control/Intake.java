package dev.sessionrecorder.core.control;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedSelectorException;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Accepts control connections and reads each one's request line, all on one thread over a selector, and
 * hands only complete lines on. Loopback TCP is open to every local user, including the recorded one: a
 * thread per connection blocked on a line that never comes let thousands of idle connections exhaust the
 * recorder's threads and memory, until session-end could no longer stop it. Here an idle connection costs
 * a buffer, lives at most {@link Limits#readDeadline}, and when {@link Limits#maxPending} are waiting the
 * oldest is dropped for the newest (a real client sends its line as soon as it connects, so it is never
 * the oldest for long; {@link ControlClient} retries if it was dropped).
 */
final class Intake {
    private static final Logger log = LoggerFactory.getLogger(ControlServer.class);

    /** How long and how many unanswered connections may wait, and how long a request line may be. */
    record Limits(Duration readDeadline, int maxPending, int maxLine) {
        static final Limits DEFAULT = new Limits(Duration.ofSeconds(2), 64, 4096);
    }

    /** Takes a complete request line; called on the intake thread, with the channel back in blocking mode. */
    @FunctionalInterface
    interface Sink {
        void take(SocketChannel client, String line);
    }

    /** Accepted per round, so a burst of new connections cannot evict ones whose line is already waiting. */
    private static final int ACCEPTS_PER_ROUND = 16;

    private final ServerSocketChannel server;
    private final Selector selector;
    private final Limits limits;
    private final Sink sink;
    /** In accept order, so the head is the oldest and the first whose deadline passes. */
    private final LinkedHashSet<Pending> pending = new LinkedHashSet<>();
    /** Lines read whole this round, handed on at its end. */
    private final List<Pending> ready = new ArrayList<>();
    private final ByteBuffer readBuffer = ByteBuffer.allocate(1024);
    private final Thread thread;
    private volatile boolean open = true;
    private long failures;

    Intake(ServerSocketChannel server, Limits limits, Sink sink) throws IOException {
        this.server = server;
        this.limits = limits;
        this.sink = sink;
        this.selector = Selector.open();
        try {
            server.configureBlocking(false);
            server.register(selector, SelectionKey.OP_ACCEPT);
        } catch (IOException | RuntimeException e) {
            selector.close();
            throw e;
        }
        this.thread = new Thread(this::run, "control-intake");
        thread.setDaemon(true);
    }

    void start() {
        thread.start();
    }

    /** Stops accepting and drops connections still sending their line; requests already taken are not touched. */
    void close() {
        open = false;
        selector.wakeup();
        try {
            thread.join(TimeUnit.SECONDS.toMillis(5));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void run() {
        try {
            while (open && server.isOpen()) {
                try {
                    round();
                } catch (ClosedSelectorException e) {
                    return;
                } catch (Throwable t) {
                    // Nothing may end this loop while the recorder runs: it is how session-end stops it. An
                    // OutOfMemoryError passes; lines read this round are dropped (their clients retry), and a
                    // pause keeps a persistent failure from spinning a core.
                    ready.forEach(Pending::drop);
                    ready.clear();
                    failed("Control channel intake failed; it keeps listening", t);
                }
            }
        } finally {
            pending.forEach(Pending::drop);
            pending.clear();
            try {
                selector.close();
            } catch (IOException e) {
                log.debug("closing the control selector", e);
            }
        }
    }

    private void round() throws IOException {
        selector.select(millisToNextDeadline());
        boolean acceptable = false;
        // Lines already waiting first, then new connections.
        for (Iterator<SelectionKey> it = selector.selectedKeys().iterator(); it.hasNext(); ) {
            SelectionKey key = it.next();
            it.remove();
            if (!key.isValid()) {
                continue;
            }
            if (key.attachment() instanceof Pending p) {
                read(p);
            } else if (key.isAcceptable()) {
                acceptable = true;
            }
        }
        IOException acceptFailure = null;
        if (acceptable) {
            try {
                acceptSome();
            } catch (IOException e) {
                acceptFailure = e; // e.g. out of file descriptors; the lines already read still go on
            }
        }
        expire(System.nanoTime());
        handOn();
        if (acceptFailure != null) {
            failed("Control channel accept failed", acceptFailure);
        }
    }

    private void acceptSome() throws IOException {
        for (int i = 0; i < ACCEPTS_PER_ROUND; i++) {
            SocketChannel ch = server.accept();
            if (ch == null) {
                return;
            }
            if (pending.size() >= limits.maxPending()) {
                Pending oldest = pending.iterator().next();
                pending.remove(oldest);
                oldest.drop();
            }
            Pending p;
            try {
                ch.configureBlocking(false);
                p = new Pending(ch, System.nanoTime() + limits.readDeadline().toNanos());
                p.key = ch.register(selector, SelectionKey.OP_READ, p);
            } catch (IOException | RuntimeException e) {
                ch.close();
                throw e;
            }
            pending.add(p);
            read(p); // a client writes as soon as it connects: its line is usually here already
        }
    }

    /** Reads what has arrived; a connection whose line is complete moves to {@link #ready}, a bad one is dropped. */
    private void read(Pending p) {
        try {
            while (true) {
                readBuffer.clear();
                int n = p.channel.read(readBuffer);
                if (n == 0) {
                    return;
                }
                if (n < 0) {
                    // Half-closed after a line without its newline still counts, as it did before.
                    finish(p, p.line.size() > 0);
                    return;
                }
                for (int i = 0; i < n; i++) {
                    byte b = readBuffer.get(i);
                    if (b == '\n') {
                        finish(p, true);
                        return;
                    }
                    p.line.write(b);
                }
                if (p.line.size() > limits.maxLine()) {
                    finish(p, false);
                    return;
                }
            }
        } catch (IOException e) {
            finish(p, false);
        }
    }

    private void finish(Pending p, boolean whole) {
        pending.remove(p);
        if (whole) {
            ready.add(p);
        } else {
            p.drop();
        }
    }

    private void expire(long now) {
        for (Iterator<Pending> it = pending.iterator(); it.hasNext(); ) {
            Pending p = it.next();
            if (p.deadline - now > 0) {
                return; // accept order is deadline order
            }
            it.remove();
            p.drop();
        }
    }

    /** Gives each complete line, with its channel back in blocking mode, to the sink. */
    private void handOn() throws IOException {
        if (ready.isEmpty()) {
            return;
        }
        ready.forEach(p -> p.key.cancel());
        selector.selectNow(); // deregisters the cancelled keys; a registered channel cannot turn blocking
        List<Pending> lines = new ArrayList<>(ready);
        ready.clear();
        for (Pending p : lines) {
            try {
                p.channel.configureBlocking(true);
                sink.take(p.channel, p.line.toString(StandardCharsets.UTF_8));
            } catch (Throwable t) {
                // The client sees its connection dropped and retries; the others in this round still go on.
                p.drop();
                log.warn("Control request could not be handed on; its client may retry", t);
            }
        }
    }

    private long millisToNextDeadline() {
        if (pending.isEmpty()) {
            return 0; // no deadline: wait for a connection
        }
        long nanos = pending.iterator().next().deadline - System.nanoTime();
        return Math.max(1, TimeUnit.NANOSECONDS.toMillis(nanos) + 1);
    }

    private void failed(String what, Throwable t) {
        failures++;
        // Log the first and then every hundredth, so a persistent failure does not fill the disk.
        if (failures == 1 || failures % 100 == 0) {
            log.warn("{} ({} failure(s) so far)", what, failures, t);
        }
        pause();
    }

    private static void pause() {
        try {
            Thread.sleep(100);
        } catch (InterruptedException e) {
            // Only close() ends this thread; an interrupt kept set would make every select return at once.
        }
    }

    /** A connection whose request line has not arrived whole yet. */
    private static final class Pending {
        final SocketChannel channel;
        final long deadline;
        final ByteArrayOutputStream line = new ByteArrayOutputStream();
        SelectionKey key;

        Pending(SocketChannel channel, long deadline) {
            this.channel = channel;
            this.deadline = deadline;
        }

        void drop() {
            try {
                channel.close();
            } catch (IOException e) {
                log.debug("closing a control connection", e);
            }
        }
    }
}
