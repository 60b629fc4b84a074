package dev.sessionrecorder.core.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class RecorderCliTest {
    @TempDir
    Path dir;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();
    private PrintStream oldOut;
    private PrintStream oldErr;

    @BeforeEach
    void capture() {
        oldOut = System.out;
        oldErr = System.err;
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    @AfterEach
    void restore() {
        System.setOut(oldOut);
        System.setErr(oldErr);
    }

    private Path config(String json) throws Exception {
        return Files.writeString(dir.resolve("recorder.json"), json);
    }

    @Test
    void recordWithBadConfigExits2AndStartsNothing() throws Exception {
        Path spool = dir.resolve("spool");
        Path cfg = config("{\"s3\": {\"bucket\": \"b12\", \"region\": \"us-east-1\"}, \"recording\": {\"fps\": 0},"
                + " \"spool\": {\"dir\": \"" + spool + "\"}}");
        assertThat(RecorderCli.run("record", "--config", cfg.toString())).isEqualTo(ExitCodes.BAD_CONFIG);
        assertThat(err.toString(StandardCharsets.UTF_8))
                .contains("\"recording.fps\" is 0, outside 1..30 frames per second. Fix: use a value from 1 to 30");
        assertThat(spool).doesNotExist();
    }

    @Test
    void recordWithEncoderMissingFromThisBuildExits2() throws Exception {
        Path spool = dir.resolve("spool");
        Path cfg = config("{\"s3\": {\"bucket\": \"b12\", \"region\": \"us-east-1\"}, \"video\": {\"encoder\": \"libx264\"},"
                + " \"spool\": {\"dir\": \"" + spool + "\"}, \"logs\": {\"dir\": \"" + dir.resolve("lg") + "\"}}");
        int code = RecorderCli.run("record", "--config", cfg.toString());
        String stderr = err.toString(StandardCharsets.UTF_8);
        assertThat(code).isEqualTo(ExitCodes.BAD_CONFIG);
        assertThat(stderr).contains("\"video.encoder\" is \"libx264\", which this FFmpeg build does not include");
        assertThat(spool.resolve("sessions")).doesNotExist();
    }

    @Test
    void validatePrintsEffectiveSettings() throws Exception {
        Path cfg = config("{\"s3\": {\"bucket\": \"b12\", \"region\": \"us-east-1\"}, \"spool\": {\"dir\": \""
                + dir.resolve("sp") + "\"}, \"logs\": {\"dir\": \"" + dir.resolve("lg") + "\"}}");
        assertThat(RecorderCli.run("validate", "--config", cfg.toString())).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("s3://b12/recordings", "5 fps, chunks of 60 s", "libopenh264",
                "activity:  every 500 ms, idle after 60 s, window titles on");
    }

    @Test
    void stopWithoutRecorderExits5() throws Exception {
        Path cfg = config("{\"s3\": {\"bucket\": \"b12\", \"region\": \"us-east-1\"}, \"spool\": {\"dir\": \""
                + dir.resolve("sp") + "\"}, \"logs\": {\"dir\": \"" + dir.resolve("lg") + "\"}}");
        assertThat(RecorderCli.run("stop", "--config", cfg.toString())).isEqualTo(ExitCodes.NOT_RUNNING);
        assertThat(RecorderCli.run("status", "--config", cfg.toString())).isEqualTo(ExitCodes.NOT_RUNNING);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("no recorder answers at");
    }

    @ParameterizedTest
    @ValueSource(strings = {"record", "stop", "status", "validate"})
    void everyCommandHasHelpWithExitCodes(String command) {
        assertThat(RecorderCli.run(command, "--help")).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("Usage: recorder " + command, "Exit codes:", "--config");
    }

    @Test
    void unknownOptionIsAUsageError() {
        assertThat(RecorderCli.run("record", "--frobnicate")).isEqualTo(ExitCodes.BAD_CONFIG);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("Unknown option: '--frobnicate'");
    }
}
