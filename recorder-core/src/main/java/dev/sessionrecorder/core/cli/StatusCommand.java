package dev.sessionrecorder.core.cli;

import dev.sessionrecorder.core.config.ConfigException;
import dev.sessionrecorder.core.control.ControlClient;
import dev.sessionrecorder.core.spool.Json;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeoutException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

@Command(name = "status", mixinStandardHelpOptions = true,
        description = "Prints the running recorder's state: current chunk, frames, uploads and last error (JSON).",
        footer = {"", ExitCodes.HELP})
final class StatusCommand implements Callable<Integer> {
    @Mixin
    ConfigOption config = new ConfigOption();

    @Mixin
    SlotOption slot = new SlotOption();

    @Override
    public Integer call() throws Exception {
        try {
            String reply = ControlClient.send(ConfigOption.socket(config.load(), slot.get()), "status", Duration.ofSeconds(10));
            com.fasterxml.jackson.databind.node.ObjectNode s = (com.fasterxml.jackson.databind.node.ObjectNode) Json.mapper().readTree(reply);
            // Age of the oldest chunk S3 does not have yet: the number to alert on.
            com.fasterxml.jackson.databind.JsonNode oldest = s.path("upload").path("oldestPending");
            if (oldest.isTextual()) {
                ((com.fasterxml.jackson.databind.node.ObjectNode) s.path("upload")).put("oldestPendingAgeSeconds",
                        java.time.Duration.between(java.time.Instant.parse(oldest.asText()), java.time.Instant.now()).toSeconds());
            }
            System.out.println(Json.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(s));
            return ExitCodes.OK;
        } catch (ConfigException e) {
            System.err.println("Invalid configuration: " + e.getMessage());
            return ExitCodes.BAD_CONFIG;
        } catch (ControlClient.NotRunningException e) {
            System.err.println(e.getMessage());
            return ExitCodes.NOT_RUNNING;
        } catch (TimeoutException e) {
            System.err.println("The recorder did not answer within 10 s.");
            return ExitCodes.TIMEOUT;
        }
    }
}
