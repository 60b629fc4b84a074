package dev.sessionrecorder.core.control;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Where each recorder on one spool answers. A single-session machine runs one recorder, at
 * {@code <spool>/recorder.sock}. A multi-session fleet runs one recorder per Windows user session, each
 * in its own slot ({@code session-3} for Windows session 3, or X display :3 on Linux), answering at
 * {@code <spool>/control/<slot>.sock}: session-start finds the one of its session, session-end stops the
 * ones it should, and a second start for the same session finds the first one answering.
 */
public final class RecorderSlots {
    private static final Pattern SLOT = Pattern.compile("[a-z0-9][a-z0-9-]{0,31}");
    static final String DIR = "control";

    private RecorderSlots() {}

    /** The slot of Windows session {@code id} (or X display :{@code id}). */
    public static String forSession(int id) {
        return "session-" + id;
    }

    /** The session number a slot from {@link #forSession} names. */
    public static Optional<Integer> sessionOf(String slot) {
        if (!slot.startsWith("session-")) {
            return Optional.empty();
        }
        try {
            return Optional.of(Integer.parseInt(slot.substring("session-".length())));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    public static boolean isValid(String slot) {
        return slot != null && SLOT.matcher(slot).matches();
    }

    /** The control endpoint of {@code slot}, or the single recorder's when empty. */
    public static Path endpoint(Path spoolRoot, Optional<String> slot) {
        if (slot.isEmpty()) {
            return spoolRoot.resolve("recorder.sock");
        }
        if (!isValid(slot.get())) {
            throw new IllegalArgumentException("slot \"" + slot.get() + "\" must be 1-32 lower-case letters, digits or '-'");
        }
        return spoolRoot.resolve(DIR).resolve(slot.get() + ".sock");
    }

    /**
     * Slots that have a file in the control folder: a socket, the TCP fallback's endpoint file, or the
     * lock file each recorder leaves behind for good (see {@link EndpointLock}), so slots whose recorder
     * has exited are listed too; whether a recorder still answers there is for the caller to ask.
     */
    public static List<String> list(Path spoolRoot) throws IOException {
        Path dir = spoolRoot.resolve(DIR);
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(p -> p.getFileName().toString())
                    .map(n -> n.indexOf('.') < 0 ? n : n.substring(0, n.indexOf('.')))
                    .filter(RecorderSlots::isValid)
                    .collect(java.util.stream.Collectors.toCollection(TreeSet::new)).stream().toList();
        }
    }
}
