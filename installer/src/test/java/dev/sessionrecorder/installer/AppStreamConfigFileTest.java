package dev.sessionrecorder.installer;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The shipped {@code config.json} follows AppStream's session-script rules (see shared DESIGN.md): at
 * most one system and one user executable per event, .exe or .bat only, names and arguments at most
 * 1,000 characters, waitingTime at most 60 s, system context for our hooks, script output to S3.
 */
class AppStreamConfigFileTest {
    private final JsonNode config = read();

    private static JsonNode read() {
        try {
            return new ObjectMapper().readTree(Path.of("..", "config.json").toFile());
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void hasBothEventsAndNothingElse() {
        List<String> events = new java.util.ArrayList<>();
        config.fieldNames().forEachRemaining(events::add);
        assertThat(events).containsExactlyInAnyOrder("SessionStart", "SessionTermination");
    }

    @Test
    void eachEventFollowsAppStreamRules() {
        for (String event : List.of("SessionStart", "SessionTermination")) {
            JsonNode e = config.path(event);
            assertThat(e.path("waitingTime").asInt()).as(event + ".waitingTime").isBetween(1, 60);
            JsonNode exes = e.path("executables");
            assertThat(exes.isArray()).isTrue();
            long system = 0;
            for (JsonNode x : exes) {
                String context = x.path("context").asText();
                assertThat(context).isIn("system", "user");
                system += context.equals("system") ? 1 : 0;
                String filename = x.path("filename").asText();
                assertThat(filename.toLowerCase()).as(event + " filename").matches(".*\\.(exe|bat)");
                assertThat(filename.length()).isLessThanOrEqualTo(1000);
                assertThat(x.path("arguments").asText().length()).isLessThanOrEqualTo(1000);
            }
            assertThat(system).as(event + ": our hook runs as SYSTEM, alone in its slot").isEqualTo(1);
        }
    }

    @Test
    void theLaunchersItNamesShipAndCallTheHooks() throws Exception {
        for (String event : List.of("SessionStart", "SessionTermination")) {
            String filename = config.path(event).path("executables").get(0).path("filename").asText();
            String name = filename.substring(filename.lastIndexOf('\\') + 1);
            Path launcher = Path.of("..", "session-hooks", "src", "main", "dist", "bin", name);
            assertThat(launcher).as(event + " launcher").exists();
            String text = java.nio.file.Files.readString(launcher);
            assertThat(text).contains("dev.sessionrecorder.hooks.HooksCli " + (event.equals("SessionStart") ? "session-start" : "session-end"))
                    .contains("\r\n"); // cmd.exe wants CRLF
        }
    }

    @Test
    void ourHooksRunAsSystemWithLogsToS3() {
        JsonNode start = config.path("SessionStart").path("executables").get(0);
        JsonNode end = config.path("SessionTermination").path("executables").get(0);
        assertThat(start.path("filename").asText()).endsWith("\\session-start.bat");
        assertThat(end.path("filename").asText()).endsWith("\\session-end.bat");
        assertThat(start.path("s3LogEnabled").asBoolean()).isTrue();
        assertThat(end.path("s3LogEnabled").asBoolean()).isTrue();
    }
}
