package dev.sessionrecorder.recordings.cli;

import java.time.Duration;

/** How lengths and sizes read in every table (times: {@link Times}). */
final class Format {
    private Format() {}

    static String duration(Duration d) {
        long s = Math.max(0, d.toSeconds());
        return "%d:%02d:%02d".formatted(s / 3600, s / 60 % 60, s % 60);
    }

    static String seconds(Duration d) {
        return "%.1f s".formatted(d.toMillis() / 1000.0);
    }

    static String bytes(long b) {
        if (b < 1024) {
            return b + " B";
        }
        if (b < 1024 * 1024) {
            return "%.1f KiB".formatted(b / 1024.0);
        }
        if (b < 1024L * 1024 * 1024) {
            return "%.1f MiB".formatted(b / 1024.0 / 1024);
        }
        return "%.2f GiB".formatted(b / 1024.0 / 1024 / 1024);
    }
}
