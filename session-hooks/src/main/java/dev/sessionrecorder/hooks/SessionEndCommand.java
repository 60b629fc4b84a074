package dev.sessionrecorder.hooks;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sessionrecorder.core.config.ConfigException;
import dev.sessionrecorder.core.config.ConfigLoader;
import dev.sessionrecorder.core.config.RecorderConfig;
import dev.sessionrecorder.core.control.ControlClient;
import dev.sessionrecorder.core.control.RecorderSlots;
import dev.sessionrecorder.core.spool.ChunkRecord;
import dev.sessionrecorder.core.spool.ClosedChunk;
import dev.sessionrecorder.core.spool.Spool;
import dev.sessionrecorder.core.upload.LeftoverSessions;
import dev.sessionrecorder.core.upload.ObjectOptions;
import dev.sessionrecorder.core.upload.S3Clients;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import software.amazon.awssdk.services.s3.S3Client;

@Command(name = "session-end", mixinStandardHelpOptions = true,
        description = {"Stops the recorder of the session that ended (see --all) and waits until everything it recorded "
                + "is in S3. Uploads whatever dead recorders left in the spool. Prints a one-screen summary (AppStream keeps it in its "
                + "logs bucket with s3LogEnabled)."},
        footer = {"", HookExit.HELP})
final class SessionEndCommand implements Callable<Integer> {
    @Option(names = {"-c", "--config"}, paramLabel = "FILE", required = true, description = "The recorder's recorder.json.")
    Path config;

    @Option(names = "--budget-seconds", defaultValue = "50",
            description = "Time allowed for stopping and uploading; AppStream stops the script at 60 s (default: ${DEFAULT-VALUE}).")
    int budgetSeconds;

    @Option(names = "--all", description = "Stop every recorder on this instance, whoever's session it records.")
    boolean all;

    Platform platform = Platform.forThisPlatform();

    @Override
    public Integer call() throws Exception {
        Instant deadline = Instant.now().plusSeconds(budgetSeconds);
        RecorderConfig cfg;
        try {
            cfg = ConfigLoader.forThisPlatform().load(config);
        } catch (ConfigException e) {
            say("Invalid configuration: " + e.getMessage());
            return HookExit.BAD_CONFIG;
        }
        Path root = cfg.spool().dir();
        Set<String> sessions = new LinkedHashSet<>(LeftoverSessions.find(root, Optional.empty()));
        List<StopChoice.Running> running = running(root);
        List<CompletableFuture<Optional<String>>> stops = new ArrayList<>();
        List<StopChoice.Decision> decisions;
        try {
            decisions = StopChoice.decide(running, platform.locator(), all);
        } catch (RuntimeException e) {
            // Not knowing whose session ended, stopping them all loses nothing: on a single-session fleet
            // the instance goes away next, and an unstopped recorder would leave its last chunk unuploaded.
            say("Cannot list the user sessions (" + e.getMessage() + "); stopping every recorder so nothing is left behind");
            decisions = StopChoice.all(running, "whose session ended is unknown");
        }
        for (StopChoice.Decision d : decisions) {
            if (d.stop()) {
                sessions.add(d.recorder().recording());
                stops.add(CompletableFuture.supplyAsync(() -> stop(root, d, deadline)));
            } else {
                say("Left running: the recorder of " + d.reason());
            }
        }
        for (CompletableFuture<Optional<String>> f : stops) {
            f.join().ifPresent(sessions::add);
        }
        if (running.isEmpty()) {
            say("No recorder is running: recovering and uploading what recorders left in " + root);
        }
        Duration left = Duration.between(Instant.now(), deadline).minusSeconds(2);
        List<String> unfinished = LeftoverSessions.find(root, Optional.empty());
        if (!unfinished.isEmpty() && !left.isNegative()) {
            sessions.addAll(unfinished);
            // Each leftover is uploaded under its session lock, so other users' live recorders and a
            // concurrent session-end never have a folder recovered under them.
            try (S3Client s3 = S3Clients.create(cfg.s3())) {
                LeftoverSessions.drainAll(s3, cfg.s3().bucket(), ObjectOptions.from(cfg.s3()), root, Optional.empty(), left,
                        Clock.systemUTC());
            }
        }
        return summarize(cfg, root, sessions);
    }

    /** Recorders answering on this spool: the single recorder's endpoint and one per slot. */
    private static List<StopChoice.Running> running(Path root) throws java.io.IOException {
        List<StopChoice.Running> out = new ArrayList<>();
        SessionStartCommand.status(RecorderSlots.endpoint(root, Optional.empty()))
                .ifPresent(st -> out.add(new StopChoice.Running("", Optional.empty(), st.path("sessionId").asText())));
        for (String slot : RecorderSlots.list(root)) {
            SessionStartCommand.status(RecorderSlots.endpoint(root, Optional.of(slot)))
                    .ifPresent(st -> out.add(new StopChoice.Running(slot, RecorderSlots.sessionOf(slot), st.path("sessionId").asText())));
        }
        return out;
    }

    /** Stops one recorder and waits for its final report within the budget; the id of the session it recorded. */
    private static Optional<String> stop(Path root, StopChoice.Decision d, Instant deadline) {
        String slot = d.recorder().slot();
        Path endpoint = RecorderSlots.endpoint(root, slot.isEmpty() ? Optional.empty() : Optional.of(slot));
        String which = slot.isEmpty() ? "the recorder" : "the recorder of " + slot;
        try {
            // The recorder drains within its own budget; leave a few seconds for our summary.
            long wait = Math.max(1, Duration.between(Instant.now(), deadline).toSeconds() - 3);
            JsonNode st = dev.sessionrecorder.core.spool.Json.mapper().readTree(
                    ControlClient.send(endpoint, "stop", Duration.ofSeconds(wait)));
            // It has replied; let it finish exiting (closing its log) before we report, within the budget.
            Optional<ProcessHandle> recorder = ProcessHandle.of(st.path("pid").asLong(-1));
            if (recorder.isPresent()) {
                long grace = Math.max(0, Math.min(5, Duration.between(Instant.now(), deadline).toSeconds() - 3));
                try {
                    recorder.get().onExit().get(grace, java.util.concurrent.TimeUnit.SECONDS);
                } catch (java.util.concurrent.TimeoutException | java.util.concurrent.ExecutionException stillExiting) {
                    // reported below from the spool; the process ends on its own
                }
            }
            say("Stopped " + which + " (" + d.reason() + "): session " + st.path("sessionId").asText());
            return Optional.of(st.path("sessionId").asText()).filter(id -> !id.isBlank());
        } catch (ControlClient.NotRunningException e) {
            say(which + " exited before it was asked to stop; what it left is uploaded below");
        } catch (java.util.concurrent.TimeoutException e) {
            say(which + " did not finish within the budget; it keeps uploading in the background");
        } catch (Exception e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            say("Could not stop " + which + ": " + e.getMessage());
        }
        return Optional.empty();
    }

    /** One line per session, read from the spool: what was recorded, what is in S3, what is left. */
    private int summarize(RecorderConfig cfg, Path root, Set<String> sessions) throws Exception {
        boolean everything = true;
        for (String id : sessions) {
            if (id.isBlank()) {
                continue;
            }
            // Read only: if the stop timed out the recorder is still writing, and recovery would cut its chunk.
            Spool spool = Spool.inspect(root, id);
            List<ChunkRecord> chain = spool.chain();
            List<ClosedChunk> waiting = spool.awaitingUpload();
            long bytes = chain.stream().mapToLong(ChunkRecord::bytes).sum();
            long gaps = spool.events().stream().filter(e -> e.path("event").asText().equals("paused")).count();
            boolean complete = spool.isComplete();
            everything &= complete;
            say(String.format("session %s: %d chunk(s) recorded (%d bytes), %d in S3, %d left on disk%s, %d gap(s)%s", id,
                    chain.size(), bytes, chain.size() - waiting.size(), waiting.size(),
                    waiting.isEmpty() ? "" : " (" + String.join(", ", waiting.stream().map(c -> c.record().file()).toList()) + ")",
                    gaps, complete ? "" : " - NOT COMPLETE"));
        }
        say(everything ? "Everything recorded is in s3://" + cfg.s3().bucket() + "/" + cfg.s3().prefix()
                : "Some recordings are still on this machine in " + root + "; the next recorder or `recorder drain` uploads them");
        return everything ? HookExit.OK : HookExit.FAILED;
    }

    private static void say(String line) {
        System.out.println("session-end: " + line);
    }
}
