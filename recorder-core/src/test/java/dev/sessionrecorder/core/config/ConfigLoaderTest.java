package dev.sessionrecorder.core.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class ConfigLoaderTest {
    @TempDir
    Path dir;

    private static final String S3 = "\"s3\": {\"bucket\": \"my-recordings\", \"region\": \"us-east-1\"}";

    private RecorderConfig parse(String json) throws ConfigException {
        return new ConfigLoader(dir).parse("recorder.json", json, dir);
    }

    @Test
    void minimalConfigGetsDocumentedDefaults() throws Exception {
        RecorderConfig c = parse("{" + S3 + "}");
        assertThat(c.s3().bucket()).isEqualTo("my-recordings");
        assertThat(c.s3().prefix()).isEqualTo("recordings");
        assertThat(c.s3().endpoint()).isEmpty();
        assertThat(c.s3().profile()).isEmpty();
        assertThat(c.recording().fps()).isEqualTo(5);
        assertThat(c.recording().chunkLength()).isEqualTo(Duration.ofSeconds(60));
        assertThat(c.video().encoder()).isEqualTo("auto");
        assertThat(c.video().bitrateKbps()).isEqualTo(1500);
        assertThat(c.video().keyframeSeconds()).isEqualTo(60);
        assertThat(c.video().crf()).isEqualTo(34);
        assertThat(c.video().preset()).isEqualTo("superfast");
        assertThat(c.video().threads()).isEqualTo(1);
        assertThat(c.spool().dir()).isEqualTo(dir.resolve("spool"));
        assertThat(c.spool().maxBytes()).isEqualTo(2L << 30);
        assertThat(c.spool().minFreeBytes()).isEqualTo(512L << 20);
        assertThat(c.spool().whenFull()).isEqualTo(RecorderConfig.FullPolicy.PAUSE);
        assertThat(c.logDir()).isEqualTo(dir.resolve("logs"));
        assertThat(c.activity()).isEqualTo(new RecorderConfig.Activity(true, true, java.util.List.of(), Duration.ofSeconds(60),
                Duration.ofMillis(500)));
    }

    @Test
    void activitySectionIsRead() throws Exception {
        RecorderConfig c = parse("{" + S3 + ", \"activity\": {\"enabled\": true, \"windowTitles\": true,"
                + " \"redact\": [\"outlook.exe\", \"(?i)salary|payroll\"], \"idleSeconds\": 120, \"pollMillis\": 1000}}");
        assertThat(c.activity()).isEqualTo(new RecorderConfig.Activity(true, true,
                java.util.List.of("outlook.exe", "(?i)salary|payroll"), Duration.ofSeconds(120), Duration.ofMillis(1000)));
        assertThat(parse("{" + S3 + ", \"activity\": {\"enabled\": false, \"windowTitles\": false}}").activity())
                .extracting(RecorderConfig.Activity::enabled, RecorderConfig.Activity::windowTitles).containsExactly(false, false);
    }

    @Test
    void fullConfigIsRead() throws Exception {
        RecorderConfig c = parse("""
                {"s3": {"bucket": "b.example-1", "region": "eu-central-1", "prefix": "audit/appstream/",
                        "endpoint": "http://127.0.0.1:9000", "pathStyle": true, "profile": "appstream_machine_role",
                        "encryption": "aws:kms", "kmsKeyId": "alias/recordings",
                        "objectLock": {"mode": "COMPLIANCE", "retainDays": 400}},
                 "recording": {"fps": 10, "chunkSeconds": 30},
                 "video": {"encoder": "libx264", "bitrateKbps": 800, "keyframeSeconds": 5, "crf": 23, "maxQp": 40,
                           "preset": "veryfast", "threads": 2},
                 "spool": {"dir": "sp", "maxBytes": 1073741824},
                 "logs": {"dir": "lg"}}""");
        assertThat(c.s3().prefix()).isEqualTo("audit/appstream");
        assertThat(c.s3().endpoint()).hasValueSatisfying(u -> assertThat(u.getPort()).isEqualTo(9000));
        assertThat(c.s3().pathStyle()).isTrue();
        assertThat(c.s3().profile()).contains("appstream_machine_role");
        assertThat(c.s3().encryption()).isEqualTo(RecorderConfig.Encryption.KMS);
        assertThat(c.s3().kmsKeyId()).contains("alias/recordings");
        assertThat(c.s3().retention()).contains(new RecorderConfig.Retention("COMPLIANCE", 400));
        assertThat(c.recording().fps()).isEqualTo(10);
        assertThat(c.video().crf()).isEqualTo(23);
        assertThat(c.video().preset()).isEqualTo("veryfast");
        assertThat(c.video().threads()).isEqualTo(2);
        assertThat(c.spool().dir()).isEqualTo(dir.resolve("sp"));
        assertThat(c.logDir()).isEqualTo(dir.resolve("lg"));
    }

    static Stream<Arguments> badConfigs() {
        return Stream.of(
                Arguments.of("not JSON", "{\"s3\": {", "is not valid JSON at line 1"),
                Arguments.of("not an object", "[1, 2]", "must hold one JSON object"),
                Arguments.of("duplicate key", "{" + S3 + ", " + S3 + "}", "Duplicate field 's3'"),
                Arguments.of("no s3 section", "{}", "\"s3\" is missing. Fix: add \"s3\""),
                Arguments.of("unknown top-level field", "{" + S3 + ", \"recordng\": {}}",
                        "\"recordng\" is not a known field. Fix: did you mean \"recording\"?"),
                Arguments.of("unknown nested field", "{" + S3 + ", \"recording\": {\"fsp\": 5}}",
                        "\"recording.fsp\" is not a known field. Fix: did you mean \"recording.fps\"?"),
                Arguments.of("missing bucket", "{\"s3\": {\"region\": \"us-east-1\"}}",
                        "\"s3.bucket\" is missing. Fix: set it to the name of the S3 bucket"),
                Arguments.of("empty bucket", "{\"s3\": {\"bucket\": \" \", \"region\": \"us-east-1\"}}", "\"s3.bucket\" is empty"),
                Arguments.of("invalid bucket", "{\"s3\": {\"bucket\": \"My_Bucket\", \"region\": \"us-east-1\"}}",
                        "\"s3.bucket\" is \"My_Bucket\", not a valid S3 bucket name"),
                Arguments.of("bucket wrong type", "{\"s3\": {\"bucket\": 42, \"region\": \"us-east-1\"}}",
                        "\"s3.bucket\" is 42 (a whole number). Fix: write it as a string"),
                Arguments.of("missing region", "{\"s3\": {\"bucket\": \"b12\"}}", "\"s3.region\" is missing"),
                Arguments.of("bad region", "{\"s3\": {\"bucket\": \"b12\", \"region\": \"Frankfurt\"}}",
                        "\"s3.region\" is \"Frankfurt\", not an AWS region code"),
                Arguments.of("prefix with ..", "{\"s3\": {\"bucket\": \"b12\", \"region\": \"us-east-1\", \"prefix\": \"a/../b\"}}",
                        "\"s3.prefix\" is \"a/../b\", not a safe S3 key prefix"),
                Arguments.of("endpoint not a URL", "{\"s3\": {\"bucket\": \"b12\", \"region\": \"us-east-1\", \"endpoint\": \"minio:9000\"}}",
                        "\"s3.endpoint\" is \"minio:9000\", not an http(s) URL"),
                Arguments.of("pathStyle as string", "{\"s3\": {\"bucket\": \"b12\", \"region\": \"us-east-1\", \"pathStyle\": \"yes\"}}",
                        "\"s3.pathStyle\" is \"yes\" (a string). Fix: write true or false without quotes"),
                Arguments.of("profile file missing", "{\"s3\": {\"bucket\": \"b12\", \"region\": \"us-east-1\", \"profileFile\": \"nope/credentials\"}}",
                        "\"s3.profileFile\" is"),
                Arguments.of("fps zero", "{" + S3 + ", \"recording\": {\"fps\": 0}}",
                        "\"recording.fps\" is 0, outside 1..30 frames per second. Fix: use a value from 1 to 30 (default 5)"),
                Arguments.of("fps negative", "{" + S3 + ", \"recording\": {\"fps\": -5}}", "\"recording.fps\" is -5, outside 1..30"),
                Arguments.of("fps too high", "{" + S3 + ", \"recording\": {\"fps\": 31}}", "\"recording.fps\" is 31, outside 1..30"),
                Arguments.of("fps as string", "{" + S3 + ", \"recording\": {\"fps\": \"5\"}}",
                        "\"recording.fps\" is \"5\" (a string). Fix: write a whole number of frames per second without quotes"),
                Arguments.of("fps decimal", "{" + S3 + ", \"recording\": {\"fps\": 2.5}}", "\"recording.fps\" is 2.5 (a decimal number)"),
                Arguments.of("chunk too short", "{" + S3 + ", \"recording\": {\"chunkSeconds\": 4}}",
                        "\"recording.chunkSeconds\" is 4, outside 5..3600 seconds"),
                Arguments.of("recording not an object", "{" + S3 + ", \"recording\": 5}",
                        "\"recording\" is 5 (a whole number). Fix: make it a JSON object"),
                Arguments.of("unknown encoder", "{" + S3 + ", \"video\": {\"encoder\": \"h265\"}}",
                        "\"video.encoder\" is \"h265\", which this recorder does not support"),
                Arguments.of("bitrate too low", "{" + S3 + ", \"video\": {\"bitrateKbps\": 10}}",
                        "\"video.bitrateKbps\" is 10, outside 100..50000 kb/s"),
                Arguments.of("keyframe longer than chunk", "{" + S3 + ", \"recording\": {\"chunkSeconds\": 10}, \"video\": {\"keyframeSeconds\": 20}}",
                        "\"video.keyframeSeconds\" is 20, outside 1..10 seconds"),
                Arguments.of("crf with openh264", "{" + S3 + ", \"video\": {\"encoder\": \"libopenh264\", \"crf\": 23}}",
                        "\"video.crf\" is set, but applies only to libx264"),
                Arguments.of("preset with openh264", "{" + S3 + ", \"video\": {\"encoder\": \"libopenh264\", \"preset\": \"fast\"}}",
                        "\"video.preset\" is set, but applies only to libx264"),
                Arguments.of("unknown preset", "{" + S3 + ", \"video\": {\"preset\": \"placebo\"}}",
                        "\"video.preset\" is \"placebo\", not an x264 preset"),
                Arguments.of("too many threads", "{" + S3 + ", \"video\": {\"threads\": 64}}",
                        "\"video.threads\" is 64, outside 1..16 encoder threads"),
                Arguments.of("unknown encryption", "{\"s3\": {\"bucket\": \"b12\", \"region\": \"us-east-1\", \"encryption\": \"kms\"}}",
                        "\"s3.encryption\" is \"kms\", not a server-side encryption S3 knows. Fix: use \"AES256\""),
                Arguments.of("kms key without kms", "{\"s3\": {\"bucket\": \"b12\", \"region\": \"us-east-1\", \"kmsKeyId\": \"k\"}}",
                        "\"s3.kmsKeyId\" is set, but \"s3.encryption\" is \"none\""),
                Arguments.of("bad lock mode", "{\"s3\": {\"bucket\": \"b12\", \"region\": \"us-east-1\", \"objectLock\": "
                        + "{\"mode\": \"strict\", \"retainDays\": 30}}}", "\"s3.objectLock.mode\" is \"strict\", not an Object Lock mode"),
                Arguments.of("lock without days", "{\"s3\": {\"bucket\": \"b12\", \"region\": \"us-east-1\", \"objectLock\": "
                        + "{\"mode\": \"COMPLIANCE\"}}}", "\"s3.objectLock.retainDays\" is missing"),
                Arguments.of("spool too small", "{" + S3 + ", \"spool\": {\"maxBytes\": 1000}}",
                        "\"spool.maxBytes\" is 1000, outside 4194304.."),
                Arguments.of("unknown full policy", "{" + S3 + ", \"spool\": {\"whenFull\": \"drop\"}}",
                        "\"spool.whenFull\" is \"drop\", not a known policy. Fix: use \"pause\""),
                Arguments.of("negative free disk", "{" + S3 + ", \"spool\": {\"minFreeBytes\": -1}}",
                        "\"spool.minFreeBytes\" is -1, outside 0.."),
                Arguments.of("unknown activity field", "{" + S3 + ", \"activity\": {\"idlesecond\": 30}}",
                        "\"activity.idlesecond\" is not a known field. Fix: did you mean \"activity.idleSeconds\"?"),
                Arguments.of("activity switch as a string", "{" + S3 + ", \"activity\": {\"enabled\": \"no\"}}",
                        "\"activity.enabled\" is \"no\" (a string). Fix: write true or false"),
                Arguments.of("poll too fast", "{" + S3 + ", \"activity\": {\"pollMillis\": 10}}",
                        "\"activity.pollMillis\" is 10, outside 100..10000 milliseconds. Fix: use a value from 100 to 10000 (default 500)"),
                Arguments.of("idle too short", "{" + S3 + ", \"activity\": {\"idleSeconds\": 1}}",
                        "\"activity.idleSeconds\" is 1, outside 5..86400 seconds"),
                Arguments.of("redact not a list", "{" + S3 + ", \"activity\": {\"redact\": \"outlook.exe\"}}",
                        "\"activity.redact\" is \"outlook.exe\" (a string). Fix: make it a list of strings"),
                Arguments.of("redact entry not a string", "{" + S3 + ", \"activity\": {\"redact\": [\"a\", 3]}}",
                        "\"activity.redact[1]\" is 3 (a whole number). Fix: write each entry as a string"),
                Arguments.of("redact entry empty", "{" + S3 + ", \"activity\": {\"redact\": [\" \"]}}",
                        "\"activity.redact[0]\" is empty. Fix: give a process name"),
                Arguments.of("redact entry not a regex", "{" + S3 + ", \"activity\": {\"redact\": [\"ok\", \"report (draft\"]}}",
                        "\"activity.redact[1]\" is \"report (draft\", not a valid regular expression (Unclosed group). Fix: "),
                Arguments.of("spool dir empty", "{" + S3 + ", \"spool\": {\"dir\": \"\"}}", "\"spool.dir\" is empty"),
                Arguments.of("windows path on linux", "{" + S3 + ", \"logs\": {\"dir\": \"C:\\\\SessionRecording\\\\logs\"}}",
                        "\"logs.dir\" is \"C:\\SessionRecording\\logs\", a Windows path, but this is Linux"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badConfigs")
    void badConfigNamesFieldValueAndFix(String name, String json, String expected) {
        assertThatThrownBy(() -> parse(json))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("recorder.json: ")
                .hasMessageContaining(expected)
                .hasMessageContaining("Fix: ");
    }

    @Test
    void unwritableSpoolIsRejectedAtLoad() throws IOException {
        Path locked = Files.createDirectory(dir.resolve("locked"));
        Files.setPosixFilePermissions(locked, PosixFilePermissions.fromString("r-xr-xr-x"));
        // root ignores permission bits; a regular file in the way fails for everyone
        Path blocked = Files.writeString(dir.resolve("a-file"), "x");
        String target = isRoot() ? blocked.resolve("spool").toString() : locked.resolve("spool").toString();
        assertThatThrownBy(() -> parse("{" + S3 + ", \"spool\": {\"dir\": \"" + target + "\"}}"))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("\"spool.dir\" is \"" + target + "\", which cannot be created or written")
                .hasMessageContaining("Fix: choose a folder this account can write");
    }

    @Test
    void missingFileSaysWhichPathAndWhatToDo() {
        assertThatThrownBy(() -> new ConfigLoader(dir).load(dir.resolve("nope.json")))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("nope.json: file not found. Fix: pass --config");
    }

    /** Bytes EF BB BF first, as Notepad and PowerShell 5's Set-Content -Encoding UTF8 write them. */
    @Test
    void aUtf8ByteOrderMarkIsAccepted() throws Exception {
        byte[] json = ("{" + S3 + ", \"recording\": {\"fps\": 7}}").getBytes(java.nio.charset.StandardCharsets.UTF_8);
        byte[] withBom = new byte[json.length + 3];
        withBom[0] = (byte) 0xEF;
        withBom[1] = (byte) 0xBB;
        withBom[2] = (byte) 0xBF;
        System.arraycopy(json, 0, withBom, 3, json.length);
        Path file = Files.write(dir.resolve("recorder.json"), withBom);
        assertThat(new ConfigLoader(dir).load(file).recording().fps()).isEqualTo(7);
    }

    @Test
    void documentedExampleConfigIsValid() throws Exception {
        Path example = Path.of("..", "recorder.json");
        String json = Files.readString(example)
                .replace("C:\\\\SessionRecording\\\\spool", dir.resolve("spool").toString())
                .replace("C:\\\\SessionRecording\\\\logs", dir.resolve("logs").toString());
        RecorderConfig c = new ConfigLoader(dir).parse("recorder.json", json, dir);
        assertThat(c.s3().bucket()).isNotBlank();
    }

    private static boolean isRoot() {
        return "root".equals(System.getProperty("user.name"));
    }
}
