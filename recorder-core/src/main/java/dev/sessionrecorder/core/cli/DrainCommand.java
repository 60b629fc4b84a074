package dev.sessionrecorder.core.cli;

import dev.sessionrecorder.core.config.ConfigException;
import dev.sessionrecorder.core.config.RecorderConfig;
import dev.sessionrecorder.core.upload.LeftoverSessions;
import dev.sessionrecorder.core.upload.ObjectOptions;
import dev.sessionrecorder.core.upload.S3Clients;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import software.amazon.awssdk.services.s3.S3Client;

@Command(name = "drain", mixinStandardHelpOptions = true,
        description = {"Uploads every session left in the spool by a recorder that crashed or was stopped before "
                + "its upload finished (in-progress chunks are closed and marked recovered), then exits. "
                + "Sessions a running recorder holds are left to it."},
        footer = {"", ExitCodes.HELP})
final class DrainCommand implements Callable<Integer> {
    @Mixin
    ConfigOption config = new ConfigOption();

    @Option(names = "--timeout", paramLabel = "S", defaultValue = "50",
            description = "Seconds to spend uploading; what is left waits for the next run (default: ${DEFAULT-VALUE}).")
    int timeoutSeconds;

    @Override
    public Integer call() throws Exception {
        RecorderConfig cfg;
        try {
            cfg = config.load();
        } catch (ConfigException e) {
            System.err.println("Invalid configuration: " + e.getMessage());
            return ExitCodes.BAD_CONFIG;
        }
        // Each leftover is drained under its session lock (LeftoverSessions), so a live recorder's session,
        // which it holds, is never recovered under it: draining next to running recorders is safe.
        try (S3Client s3 = S3Clients.create(cfg.s3())) {
            List<LeftoverSessions.Result> results = LeftoverSessions.drainAll(s3, cfg.s3().bucket(),
                    ObjectOptions.from(cfg.s3()), cfg.spool().dir(),
                    Optional.empty(), Duration.ofSeconds(timeoutSeconds), Clock.systemUTC());
            boolean all = true;
            for (LeftoverSessions.Result r : results) {
                System.out.printf("Session %s: %d chunk(s) uploaded, %d left%s%n", r.sessionId(), r.status().uploadedChunks(),
                        r.status().pendingChunks(), r.status().lastError().map(e -> "; last error: " + e).orElse(""));
                all &= r.status().drained();
            }
            List<String> left = LeftoverSessions.find(cfg.spool().dir(), Optional.empty());
            if (results.isEmpty() && left.isEmpty()) {
                System.out.println("Nothing to upload: every session in " + cfg.spool().dir() + " is complete.");
            }
            return all && left.isEmpty() ? ExitCodes.OK : ExitCodes.NOT_DRAINED;
        }
    }
}
