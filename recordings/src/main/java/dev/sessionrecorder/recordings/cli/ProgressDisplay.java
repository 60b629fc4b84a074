package dev.sessionrecorder.recordings.cli;

import dev.sessionrecorder.recordings.fetch.Fetch;
import java.io.PrintWriter;

/**
 * Download progress on stderr: a bar redrawn in place on a terminal (at most five times a second), one
 * line per chunk otherwise, so logs of scripted runs stay readable.
 */
final class ProgressDisplay implements Fetch.Progress {
    private static final int WIDTH = 30;
    private final PrintWriter err;
    private final boolean bar;
    private long total;
    private long done;
    private int chunks;
    private int chunksDone;
    private long startedNanos;
    private long lastDrawNanos;

    ProgressDisplay(PrintWriter err, boolean bar) {
        this.err = err;
        this.bar = bar;
    }

    @Override
    public void start(long totalBytes, int chunkCount) {
        total = totalBytes;
        chunks = chunkCount;
        startedNanos = System.nanoTime();
        err.printf("%d chunk(s), %s to check or download%n", chunkCount, Format.bytes(totalBytes));
        err.flush();
    }

    @Override
    public synchronized void bytes(long n) {
        done += n;
        long now = System.nanoTime();
        if (bar && now - lastDrawNanos > 200_000_000L) {
            lastDrawNanos = now;
            draw();
        }
    }

    @Override
    public synchronized void chunk(String file, Fetch.Outcome outcome, long bytes) {
        chunksDone++;
        if (bar) {
            draw();
        } else {
            err.printf("  [%d/%d] %s %s (%s)%n", chunksDone, chunks, file, switch (outcome) {
                case DOWNLOADED -> "downloaded";
                case RESUMED -> "resumed and completed";
                case ALREADY_HERE -> "already here, SHA-256 matches";
                case REFUSED -> "NOT downloaded: not a chunk name the recorder gives";
            }, Format.bytes(bytes));
            err.flush();
        }
    }

    @Override
    public void phase(String what) {
        if (bar) {
            err.println();
        }
        err.println(what + " ...");
        err.flush();
    }

    void done() {
        err.flush();
    }

    private void draw() {
        double f = total == 0 ? 1 : Math.min(1, done / (double) total);
        int filled = (int) Math.round(f * WIDTH);
        double secs = Math.max(0.001, (System.nanoTime() - startedNanos) / 1e9);
        err.printf("\r[%s%s] %3.0f%%  %s / %s  %d/%d chunks  %s/s   ", "#".repeat(filled), ".".repeat(WIDTH - filled), f * 100,
                Format.bytes(done), Format.bytes(total), chunksDone, chunks, Format.bytes((long) (done / secs)));
        err.flush();
    }
}
