package dev.sessionrecorder.hooks;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sessionrecorder.core.config.ConfigException;
import dev.sessionrecorder.core.config.ConfigLoader;
import dev.sessionrecorder.core.config.RecorderConfig;
import dev.sessionrecorder.core.control.AlreadyRunningException;
import dev.sessionrecorder.core.control.ControlClient;
import dev.sessionrecorder.core.control.ControlServer;
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
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import software.amazon.awssdk.services.s3.S3Client;

@Command(name = "session-end", mixinStandardHelpOptions = true,
        description = {"Stops the recorder and waits until everything it recorded is in S3. If the recorder is dead, "
                + "recovers and uploads its spool itself. Prints a one-screen summary (AppStream keeps it in its "
                + "logs bucket with s3LogEnabled)."},
        footer = {"", HookExit.HELP})
final class SessionEndCommand implements Callable<Integer> {
    @Option(names = {"-c", "--config"}, paramLabel = "FILE", required = true, description = "The recorder's recorder.json.")
    Path config;

    @Option(names = "--budget-seconds", defaultValue = "50",
            description = "Time allowed for stopping and uploading; AppStream stops the script at 60 s (default: ${DEFAULT-VALUE}).")
    int budgetSeconds;

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
        Path socket = root.resolve("recorder.sock");
        try {
            // The recorder drains within its own budget; leave a few seconds for our summary.
            long wait = Math.max(1, Duration.between(Instant.now(), deadline).toSeconds() - 3);
            JsonNode st = dev.sessionrecorder.core.spool.Json.mapper().readTree(
                    ControlClient.send(socket, "stop", Duration.ofSeconds(wait)));
            sessions.add(st.path("sessionId").asText());
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
            say("Recorder stopped (session " + st.path("sessionId").asText() + ")");
        } catch (ControlClient.NotRunningException e) {
            say("No recorder is running: recovering and uploading what it left in " + root);
        } catch (java.util.concurrent.TimeoutException e) {
            say("The recorder did not finish within the budget; it keeps uploading in the background");
        }
        Duration left = Duration.between(Instant.now(), deadline).minusSeconds(2);
        List<String> unfinished = LeftoverSessions.find(root, Optional.empty());
        if (!unfinished.isEmpty() && !left.isNegative()) {
            sessions.addAll(unfinished);
            try (ControlServer lock = ControlServer.start(socket, cmd -> "{\"state\":\"draining\"}");
                 S3Client s3 = S3Clients.create(cfg.s3())) {
                LeftoverSessions.drainAll(s3, cfg.s3().bucket(), ObjectOptions.from(cfg.s3()), root, Optional.empty(), left,
                        Clock.systemUTC());
            } catch (AlreadyRunningException e) {
                say("A recorder is still running on " + root + "; it uploads its own chunks");
            }
        }
        return summarize(cfg, root, sessions);
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
