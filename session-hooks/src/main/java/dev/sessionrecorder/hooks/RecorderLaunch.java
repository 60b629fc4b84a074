package dev.sessionrecorder.hooks;

import dev.sessionrecorder.core.cli.RecorderJvm;
import dev.sessionrecorder.core.config.RecorderConfig;
import dev.sessionrecorder.core.control.RecorderSlots;
import dev.sessionrecorder.core.io.AtomicFiles;
import dev.sessionrecorder.core.session.SessionMetadata.IdentityField;
import dev.sessionrecorder.core.spool.Json;
import dev.sessionrecorder.core.spool.Spool;
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
     * The recording's session id. {@code requested} (an operator's --session-id) is used as given. The
     * AppStream session id comes from the user's own registry hive, so it is a claim: used as the id only
     * when AppStream itself confirmed it (DescribeSessions) and no folder of that name is in the spool;
     * otherwise a user could name an id that is not valid (and so keep the recorder from starting), that
     * another user's live recorder holds, or that points the upload at another session's objects. Then
     * the recorder makes its own id, and the claim stays in session.json with its source.
     */
    Optional<String> sessionId(Optional<String> requested, Map<String, IdentityField> identity, List<String> why) {
        if (requested.isPresent()) {
            return requested;
        }
        Optional<String> claimed = Identity.value(identity, Identity.APPSTREAM_SESSION_ID);
        if (claimed.isEmpty()) {
            return Optional.empty();
        }
        boolean verified = Identity.value(identity, "appstreamVerified").map(Boolean::parseBoolean).orElse(false);
        if (!Spool.isValidSessionId(claimed.get())) {
            why.add("the claimed AppStream_Session_ID is not a usable id; the recorder makes its own");
            return Optional.empty();
        }
        if (!verified) {
            return Optional.empty();
        }
        if (Files.exists(Spool.sessionsDir(cfg.spool().dir()).resolve(claimed.get()))) {
            why.add("session " + claimed.get() + " already has a folder in the spool; the recorder makes a new id");
            return Optional.empty();
        }
        return claimed;
    }

    /** Writes the identity file (named by slot, never by a claimed value) and returns the recorder's command line. */
    List<String> command(Optional<String> id, Map<String, IdentityField> identity) throws IOException {
        Path identityFile = cfg.spool().dir().resolve("identity-" + slot + ".json");
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

    /** The last lines of the launch log, for session-start's output (which AppStream keeps in its logs bucket). */
    List<String> launchLogTail(int lines) {
        try {
            List<String> all = Files.readAllLines(launchLog(), java.nio.charset.StandardCharsets.UTF_8);
            return all.subList(Math.max(0, all.size() - lines), all.size());
        } catch (IOException | java.io.UncheckedIOException e) {
            return List.of("(no launch log at " + launchLog() + ": " + e.getMessage() + ")");
        }
    }
}
