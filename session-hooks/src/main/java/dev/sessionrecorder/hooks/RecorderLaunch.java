package dev.sessionrecorder.hooks;

import dev.sessionrecorder.core.cli.RecorderJvm;
import dev.sessionrecorder.core.config.RecorderConfig;
import dev.sessionrecorder.core.control.RecorderSlots;
import dev.sessionrecorder.core.io.AtomicFiles;
import dev.sessionrecorder.core.session.SessionMetadata.IdentityField;
import dev.sessionrecorder.core.spool.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Starting the recorder of one user session: its slot, its session id, the identity file it reads, its
 * command line and its launch log. One of these per user session lets several users on one instance
 * each get their own recorder.
 */
final class RecorderLaunch {
    private final RecorderConfig cfg;
    private final Path config;
    final UserSession session;
    final String slot;

    RecorderLaunch(RecorderConfig cfg, Path config, UserSession session) {
        this.cfg = cfg;
        this.config = config;
        this.session = session;
        this.slot = RecorderSlots.forSession(session.id());
    }

    Path endpoint() {
        return RecorderSlots.endpoint(cfg.spool().dir(), Optional.of(slot));
    }

    /** Where the recorder's stdout and stderr go until (and besides) its own log: what explains a recorder that never started. */
    Path launchLog() {
        return cfg.logDir().resolve("recorder-launch-" + slot + ".log");
    }

    String who() {
        return "session " + session.id() + " (" + account(session) + ")";
    }

    static String account(UserSession s) {
        return s.domain().isEmpty() ? s.user() : s.domain() + "\\" + s.user();
    }

    /**
     * The recording's session id: {@code requested} (an operator's --session-id) as given, otherwise none,
     * so the recorder makes its own (host-time-random). The AppStream session id is a claim from the
     * user's own registry hive; even "confirmed" by DescribeSessions it only proves that id belongs to the
     * claimed user, not to this Windows session, so using it would let a user point their recording at
     * another session's objects in S3 or at another user's live recorder. It stays in session.json.
     */
    static Optional<String> sessionId(Optional<String> requested) {
        return requested;
    }

    /**
     * Writes the identity file and returns the recorder's command line. The file is named by slot and a
     * random part, never by a claimed value, and is new for every launch: two hooks racing for one slot
     * never replace a file the other's recorder is reading (which Windows refuses while it is open). The
     * recorder deletes it once session.json holds it.
     */
    List<String> command(Optional<String> id, Map<String, IdentityField> identity) throws IOException {
        Path identityFile = cfg.spool().dir().resolve("identity-" + slot + "-"
                + java.util.HexFormat.of().formatHex(randomBytes()) + ".json");
        Files.createDirectories(identityFile.getParent());
        AtomicFiles.write(identityFile, Json.mapper().writerWithDefaultPrettyPrinter().writeValueAsBytes(identity));
        // name=value, one token each: a value (some are claims) can never be read as an option of its own.
        List<String> args = new ArrayList<>(List.of("record", "--slot=" + slot,
                "--config=" + config.toAbsolutePath(), "--identity=" + identityFile,
                "--user=" + account(session), "--user-source=" + session.source()));
        id.ifPresent(v -> args.add("--session-id=" + v));
        Identity.value(identity, Identity.APPSTREAM_STACK).ifPresent(v -> args.add("--stack=" + v));
        Identity.value(identity, Identity.APPSTREAM_FLEET).ifPresent(v -> args.add("--fleet=" + v));
        return RecorderJvm.command(args);
    }

    /** The child's environment: on X, the display of the session it records. */
    Map<String, String> environment() {
        Map<String, String> env = new HashMap<>();
        if (session.source().startsWith("x11:")) {
            env.put("DISPLAY", session.source().substring("x11:".length()));
        }
        return env;
    }

    private static byte[] randomBytes() {
        byte[] b = new byte[6];
        new java.security.SecureRandom().nextBytes(b);
        return b;
    }

    /** Launch logs above this size are moved aside (one old copy kept) before the next launch appends. */
    static final long LAUNCH_LOG_MAX_BYTES = 1 << 20;

    /** Keeps the launch log from growing with every session an instance hosts. */
    void rotateLaunchLog() {
        Path log = launchLog();
        try {
            if (Files.size(log) > LAUNCH_LOG_MAX_BYTES) {
                Files.move(log, log.resolveSibling(log.getFileName() + ".1"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException absentOrBusy) {
            // absent (first launch) or held by a recorder still exiting: append to it as it is
        }
    }

    /** How much of the launch log's end is read for the tail: its last lines, never the whole file. */
    static final int TAIL_BYTES = 64 * 1024;

    /**
     * The last lines of the launch log, for session-start's output (which AppStream keeps in its logs
     * bucket). Read from the end, and decoded leniently: a Java 17 recorder writes its console output in
     * the system code page on Windows, and one byte that is not UTF-8 must not hide the rest.
     */
    List<String> launchLogTail(int lines) {
        try (java.nio.channels.SeekableByteChannel ch = Files.newByteChannel(launchLog())) {
            long size = ch.size();
            java.nio.ByteBuffer buf = java.nio.ByteBuffer.allocate((int) Math.min(size, TAIL_BYTES));
            ch.position(size - buf.capacity());
            while (buf.hasRemaining() && ch.read(buf) > 0) {
                // read to the end
            }
            String text = new String(buf.array(), 0, buf.position(), java.nio.charset.StandardCharsets.UTF_8);
            List<String> all = text.lines().toList();
            return all.subList(Math.max(0, all.size() - lines), all.size());
        } catch (IOException e) {
            return List.of("(no launch log at " + launchLog() + ": " + e.getMessage() + ")");
        }
    }
}
