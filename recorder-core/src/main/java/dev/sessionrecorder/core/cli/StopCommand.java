package dev.sessionrecorder.core.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sessionrecorder.core.config.ConfigException;
import dev.sessionrecorder.core.control.ControlClient;
import dev.sessionrecorder.core.spool.Json;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeoutException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "stop", mixinStandardHelpOptions = true,
        description = "Tells the running recorder to close its chunk and drain the spool to S3; waits for the result.",
        footer = {"", ExitCodes.HELP})
final class StopCommand implements Callable<Integer> {
    @Mixin
    ConfigOption config = new ConfigOption();

    @Mixin
    SlotOption slot = new SlotOption();

    @Option(names = "--timeout", paramLabel = "S", defaultValue = "55",
            description = "Seconds to wait for the recorder's final report (default: ${DEFAULT-VALUE}).")
    int timeoutSeconds;

    @Override
    public Integer call() throws Exception {
        try {
            String reply = ControlClient.send(ConfigOption.socket(config.load(), slot.get()), "stop", Duration.ofSeconds(timeoutSeconds));
            JsonNode s = Json.mapper().readTree(reply);
            if (s.has("error")) {
                System.err.println("The recorder could not stop: " + s.path("error").asText());
                return ExitCodes.FAILURE;
            }
            JsonNode up = s.path("upload");
            boolean drained = up.path("pendingChunks").asInt(-1) == 0 && up.path("manifestCurrent").asBoolean();
            System.out.printf("Session %s stopped: %d chunk(s) uploaded (%d bytes), %d left in the spool%s%n",
                    s.path("sessionId").asText(), up.path("uploadedChunks").asInt(), up.path("uploadedBytes").asLong(),
                    up.path("pendingChunks").asInt(), up.path("lastError").isTextual() ? "; last error: " + up.path("lastError").asText() : "");
            return drained ? ExitCodes.OK : ExitCodes.NOT_DRAINED;
        } catch (ConfigException e) {
            System.err.println("Invalid configuration: " + e.getMessage());
            return ExitCodes.BAD_CONFIG;
        } catch (ControlClient.NotRunningException e) {
            System.err.println(e.getMessage());
            return ExitCodes.NOT_RUNNING;
        } catch (TimeoutException e) {
            System.err.println("The recorder did not report within " + timeoutSeconds + " s; it keeps draining in the background.");
            return ExitCodes.TIMEOUT;
        }
    }
}
