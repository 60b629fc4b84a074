package dev.sessionrecorder.core.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sessionrecorder.core.capture.CaptureException;
import dev.sessionrecorder.core.capture.CaptureSource;
import dev.sessionrecorder.core.capture.CaptureSpec;
import dev.sessionrecorder.core.config.ConfigException;
import dev.sessionrecorder.core.config.RecorderConfig;
import dev.sessionrecorder.core.control.AlreadyRunningException;
import dev.sessionrecorder.core.control.ControlServer;
import dev.sessionrecorder.core.control.RecorderSlots;
import dev.sessionrecorder.core.display.DisplayTopology;
import dev.sessionrecorder.core.display.Displays;
import dev.sessionrecorder.core.display.SecureDesktop;
import dev.sessionrecorder.core.display.Topology;
import dev.sessionrecorder.core.encode.ChunkEncoder;
import dev.sessionrecorder.core.encode.EncoderSettings;
import dev.sessionrecorder.core.encode.Encoders;
import dev.sessionrecorder.core.pipeline.RecordingSession;
import dev.sessionrecorder.core.pipeline.RollingPolicy;
import dev.sessionrecorder.core.pipeline.Screen;
import dev.sessionrecorder.core.session.HostName;
import dev.sessionrecorder.core.session.RecorderVersion;
import dev.sessionrecorder.core.session.SessionMetadata;
import dev.sessionrecorder.core.session.SessionWatch;
import dev.sessionrecorder.core.session.UserPresence;
import dev.sessionrecorder.core.spool.Json;
import dev.sessionrecorder.core.spool.SessionLock;
import dev.sessionrecorder.core.spool.Spool;
import dev.sessionrecorder.core.upload.Backoff;
import dev.sessionrecorder.core.upload.LeftoverSessions;
import dev.sessionrecorder.core.upload.ObjectOptions;
import dev.sessionrecorder.core.upload.S3Clients;
import dev.sessionrecorder.core.upload.S3Layout;
import dev.sessionrecorder.core.upload.UploadStatus;
import dev.sessionrecorder.core.upload.Uploader;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.function.Function;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import software.amazon.awssdk.services.s3.S3Client;

@Command(name = "record", mixinStandardHelpOptions = true,
        description = {"Records the desktop until stopped (recorder stop, SIGTERM or Ctrl-C), uploading each "
                + "chunk as soon as it closes; on stop, drains the spool to S3 and exits."},
        footer = {"", ExitCodes.HELP})
final class RecordCommand implements Callable<Integer> {
    private static final Logger log = LoggerFactory.getLogger(RecordCommand.class);

    @Mixin
    ConfigOption config = new ConfigOption();

    @Option(names = "--session-id", paramLabel = "ID",
            description = "Session id (AppStream session id when launched by the hooks). Default: host-time-random.")
    String sessionId;

    @Option(names = "--user", paramLabel = "NAME", description = "Recorded user. Default: the account running the recorder.")
    String user;

    @Option(names = "--user-source", paramLabel = "SOURCE", defaultValue = "process-owner",
            description = "Where --user came from, kept in session.json (default: ${DEFAULT-VALUE}).")
    String userSource;

    @Option(names = "--slot", paramLabel = "NAME",
            description = "Run as one of several recorders on this spool (one per user session on a multi-session "
                    + "instance, e.g. session-3): its own control endpoint <spool>/control/NAME.sock and log recorder-NAME.log. "
                    + "Default: the single recorder at <spool>/recorder.sock.")
    String slot;

    @Option(names = "--stack", paramLabel = "NAME", description = "AppStream stack name, when known.")
    String stack;

    @Option(names = "--fleet", paramLabel = "NAME", description = "AppStream fleet name, when known.")
    String fleet;

    // 45 s leaves a 55 s "recorder stop" (inside AppStream's 60 s hook limit) time to receive the report.
    @Option(names = "--identity", paramLabel = "FILE",
            description = "JSON written by session-start: identity fields with their source and trust, kept in session.json.")
    Path identityFile;

    @Option(names = "--drain-seconds", paramLabel = "S", defaultValue = "45",
            description = "On stop, how long to keep uploading before leaving the rest in the spool (default: ${DEFAULT-VALUE}).")
    int drainSeconds;

    @Option(names = "--replay", paramLabel = "FILE",
            description = "Record this video file, played in real time, instead of the screen (benchmarks and quality "
                    + "checks); after its end the last picture stays until stopped.")
    Path replay;

    @Override
    public Integer call() throws Exception {
        RecorderConfig cfg;
        String encoder;
        Function<Topology, CaptureSpec> captureFor;
        DisplayTopology topology;
        try {
            cfg = config.load();
            encoder = Encoders.resolve(cfg.video().encoder());
            if (!Encoders.available(encoder)) {
                System.err.println("Invalid configuration: \"video.encoder\" is \"" + encoder
                        + "\", which this FFmpeg build does not include. Fix: use \"auto\" or \"libopenh264\", "
                        + "or build with the GPL FFmpeg for libx264 (./mvnw -Pgpl, see README).");
                return ExitCodes.BAD_CONFIG;
            }
            if (replay != null) {
                CaptureSpec spec = CaptureSpec.replay(replay, cfg.recording().fps());
                captureFor = t -> spec;
                try (CaptureSource file = CaptureSource.ffmpeg().open(spec)) {
                    topology = Displays.fixed(file.width(), file.height());
                }
            } else {
                captureFor = CaptureSpec.forThisPlatform(cfg.recording().fps());
                topology = Displays.topology();
            }
            if (slot != null && !RecorderSlots.isValid(slot)) {
                System.err.println("Invalid --slot \"" + slot + "\": use 1-32 lower-case letters, digits or '-', e.g. session-3.");
                return ExitCodes.BAD_CONFIG;
            }
            if (sessionId != null && !Spool.isValidSessionId(sessionId)) {
                System.err.println("Invalid --session-id \"" + sessionId + "\": use 1-128 letters, digits, '.', '_' or '-', "
                        + "starting with a letter or digit.");
                return ExitCodes.BAD_CONFIG;
            }
        } catch (ConfigException e) {
            System.err.println("Invalid configuration: " + e.getMessage());
            return ExitCodes.BAD_CONFIG;
        } catch (CaptureException e) {
            System.err.println("Cannot record: " + e.getMessage());
            return ExitCodes.BAD_CONFIG;
        }
        // Several recorders on one instance must not roll one log file between them.
        LogSetup.addRollingFile(cfg.logDir(), slot == null ? "recorder" : "recorder-" + slot);
        Clock clock = Clock.systemUTC();
        String id = sessionId != null ? sessionId : generatedSessionId(clock.instant());

        // The control endpoint says "this slot is taken" (a second session-start for the same user
        // session finds it answering); the session lock keeps every other recorder and drain out of this
        // session's folder, so nobody runs recovery under a live recording.
        CompletableFuture<RecordingSession> current = new CompletableFuture<>();
        ControlServer control;
        Path endpoint = ConfigOption.socket(cfg, Optional.ofNullable(slot));
        try {
            java.nio.file.Files.createDirectories(endpoint.getParent());
            control = ControlServer.start(endpoint, cmd -> handle(cmd, current));
        } catch (AlreadyRunningException e) {
            System.err.println("Not starting: " + e.getMessage());
            return ExitCodes.ALREADY_RUNNING;
        } catch (IOException e) {
            // e.g. something other than a recorder holds the endpoint's file: the message says what and where
            System.err.println("Not starting: " + e.getMessage());
            return ExitCodes.FAILURE;
        }
        Optional<SessionLock> lock = SessionLock.acquire(cfg.spool().dir(), id, Duration.ofSeconds(3));
        if (lock.isEmpty()) {
            control.close();
            System.err.println("Not starting: session " + id + " is being recorded or uploaded by another recorder on "
                    + cfg.spool().dir() + ". Fix: give this recorder another --session-id");
            return ExitCodes.ALREADY_RUNNING;
        }
        try (SessionLock held = lock.get(); S3Client s3 = S3Clients.create(cfg.s3())) {
            Spool spool = Spool.open(cfg.spool().dir(), id);
            String capture = captureDescription(captureFor, topology);
            EncoderSettings encoding = EncoderSettings.from(cfg.video(), cfg.recording().fps(), encoder);
            SessionMetadata meta = spool.metadata().orElseGet(() -> newMetadata(cfg, capture, encoding, id, clock.instant()));
            spool.saveMetadata(meta);
            forgetIdentityFile();
            log.info("Session {} (recorder {}): recording {} to s3://{}/{}/", id, RecorderVersion.get(),
                    capture, cfg.s3().bucket(), meta.keyBase());
            if (spool.recoveredCount() > 0) {
                log.warn("Recovered {} chunk(s) left in progress by an earlier crash", spool.recoveredCount());
            }
            try (Uploader uploader = new Uploader(s3, cfg.s3().bucket(), ObjectOptions.from(cfg.s3()), spool, meta,
                    Backoff.standard(), clock)) {
                Screen screen = new Screen(topology, replay != null ? SecureDesktop.NONE : Displays.secureDesktop(), captureFor,
                        CaptureSource.ffmpeg());
                RecordingSession session = new RecordingSession(screen, ChunkEncoder.ffmpeg(),
                        encoding,
                        new RollingPolicy(cfg.recording().chunkLength()), spool, cfg.spool(), uploader, meta, clock,
                        Duration.ofSeconds(drainSeconds), cfg.recording().skipUnchangedFrames());
                Thread hook = new Thread(() -> stopAndWait(session), "shutdown");
                Runtime.getRuntime().addShutdownHook(hook);
                uploader.start();
                drainLeftoversInBackground(s3, cfg, id, clock);
                current.complete(session); // a "stop" that arrived during start-up takes effect now
                UploadStatus result;
                try (AutoCloseable watch = watchUserSession(session)) {
                    result = session.run();
                } finally {
                    removeHook(hook);
                }
                log.info("Session {} stopped: {} chunk(s) uploaded ({} bytes), {} left in the spool{}", id,
                        result.uploadedChunks(), result.uploadedBytes(), result.pendingChunks(),
                        result.lastError().map(e -> "; last error: " + e).orElse(""));
                return result.drained() ? ExitCodes.OK : ExitCodes.NOT_DRAINED;
            }
        } catch (IOException | RuntimeException e) {
            log.error("Recorder failed", e);
            current.completeExceptionally(e);
            return ExitCodes.FAILURE;
        } finally {
            // Give a waiting "stop" its final reply before the process exits.
            control.close(Duration.ofSeconds(5));
        }
    }

    /**
     * Sessions an earlier recorder could not finish (crash, instance stopped mid-drain) upload alongside
     * this one; a daemon thread, so whatever is not done at exit waits in the spool for the next run.
     */
    private static void drainLeftoversInBackground(S3Client s3, RecorderConfig cfg, String id, Clock clock) {
        Thread t = new Thread(() -> {
            try {
                LeftoverSessions.drainAll(s3, cfg.s3().bucket(), ObjectOptions.from(cfg.s3()), cfg.spool().dir(), Optional.of(id),
                        Duration.ofHours(1), clock);
            } catch (IOException e) {
                log.warn("Could not upload leftover sessions; the next run retries", e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "leftovers");
        t.setDaemon(true);
        t.start();
    }

    /**
     * A recorder the hooks started for one user session (it has a slot) ends with that session: it runs
     * as SYSTEM, which a logoff does not end, and on a multi-session instance the SessionTermination hook
     * cannot tell whose session ended, so it may leave this one running. Without a slot (an operator's
     * recorder, the demo, a replay) nothing is watched.
     */
    private AutoCloseable watchUserSession(RecordingSession session) {
        if (slot == null || replay != null) {
            return () -> { };
        }
        return SessionWatch.every(WATCH, UserPresence.forThisProcess(), why -> {
            log.warn("The recorded user's session has ended ({}); stopping and uploading what was recorded", why);
            session.requestStop();
        });
    }

    /** How often a slot's recorder checks that its user is still there; two misses in a row end it. */
    static final Duration WATCH = Duration.ofSeconds(5);

    /** "x11grab :1" or "gdigrab desktop", for the log and session.json. */
    private static String captureDescription(Function<Topology, CaptureSpec> captureFor, DisplayTopology topology) {
        try {
            CaptureSpec s = captureFor.apply(topology.current());
            return s.format() + " " + s.input();
        } catch (DisplayTopology.TopologyException e) {
            return "(screen not available yet: " + e.getMessage() + ")";
        }
    }

    private SessionMetadata newMetadata(RecorderConfig cfg, String capture, EncoderSettings encoding, String id, Instant now) {
        String who = user != null ? user : System.getProperty("user.name", "unknown");
        String source = user != null ? userSource : "process-owner";
        Optional<String> st = Optional.ofNullable(stack).filter(s -> !s.isBlank());
        return new SessionMetadata(id, new SessionMetadata.Sourced(who, source), HostName.get(), st,
                Optional.ofNullable(fleet).filter(s -> !s.isBlank()), now, Optional.empty(), RecorderVersion.get(),
                S3Layout.keyBase(cfg.s3().prefix(), now, st, id),
                new SessionMetadata.Settings(capture, cfg.recording().fps(),
                        cfg.recording().chunkLength().toSeconds(), encoding.encoder(), encoding.describe()),
                identity());
    }

    /**
     * Answers the control socket. Before the session exists (spool recovery can take a while), status
     * says so, and stop waits for the session and then stops it: a stop is never dropped.
     */
    /** The identity file session-start wrote; unreadable means "no identity", logged, never fatal: recording matters more. */
    private Map<String, SessionMetadata.IdentityField> identity() {
        if (identityFile == null) {
            return Map.of();
        }
        try {
            return Json.mapper().readValue(identityFile.toFile(),
                    new com.fasterxml.jackson.core.type.TypeReference<Map<String, SessionMetadata.IdentityField>>() { });
        } catch (IOException e) {
            log.error("Cannot read identity file {}; session.json will lack it", identityFile, e);
            return Map.of();
        }
    }

    /**
     * session-start writes a fresh identity file for each launch; once session.json holds it, it has
     * served. Failing to delete it is harmless (the next launch writes a file of its own name).
     */
    private void forgetIdentityFile() {
        if (identityFile != null) {
            try {
                java.nio.file.Files.deleteIfExists(identityFile);
            } catch (IOException e) {
                log.debug("Could not delete {}", identityFile, e);
            }
        }
    }

    private static String handle(String command, CompletableFuture<RecordingSession> current) {
        try {
            switch (command) {
                case "status":
                    RecordingSession s = current.getNow(null);
                    ObjectNode st = s == null ? Json.mapper().createObjectNode().put("state", "starting")
                            : Json.mapper().valueToTree(s.status());
                    st.put("pid", ProcessHandle.current().pid());
                    return Json.mapper().writeValueAsString(st);
                case "stop":
                    RecordingSession session = current.get(5, TimeUnit.MINUTES);
                    session.requestStop();
                    session.finished().get(10, TimeUnit.MINUTES);
                    ObjectNode done = Json.mapper().valueToTree(session.status());
                    done.put("pid", ProcessHandle.current().pid());
                    return Json.mapper().writeValueAsString(done);
                default:
                    ObjectNode err = Json.mapper().createObjectNode().put("error", "unknown command: " + command);
                    return Json.mapper().writeValueAsString(err);
            }
        } catch (Exception e) {
            ObjectNode err = Json.mapper().createObjectNode().put("error", e.getClass().getSimpleName() + ": " + e.getMessage());
            return err.toString();
        }
    }

    /** SIGTERM / Ctrl-C: stop like "recorder stop" would, bounded by the drain budget. */
    private void stopAndWait(RecordingSession session) {
        session.requestStop();
        try {
            session.finished().get(drainSeconds + 10L, TimeUnit.SECONDS);
        } catch (Exception e) {
            log.warn("Shutdown before the spool was drained; the next run uploads the rest");
        }
    }

    private static void removeHook(Thread hook) {
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException alreadyShuttingDown) {
            // the hook is running and waits for us: nothing to remove
        }
    }

    static String generatedSessionId(Instant now) {
        String time = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC).format(now);
        byte[] rnd = new byte[3];
        ThreadLocalRandom.current().nextBytes(rnd);
        return HostName.forKeys().toLowerCase() + "-" + time + "-" + HexFormat.of().formatHex(rnd);
    }
}
