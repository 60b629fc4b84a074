package dev.sessionrecorder.core.upload;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sessionrecorder.core.config.RecorderConfig;
import dev.sessionrecorder.core.session.SessionMetadata;
import dev.sessionrecorder.core.spool.InProgressChunk;
import dev.sessionrecorder.core.spool.Spool;
import dev.sessionrecorder.devkit.EmbeddedS3;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * AppStream hands the fleet role to SYSTEM as the profile appstream_machine_role, a credential_process
 * profile whose credentials expire. The recorder must pick that profile by itself and keep uploading
 * as the credentials are renewed.
 */
class CredentialsTest {
    static final String BUCKET = "creds";
    static final Instant T0 = Instant.parse("2026-11-22T10:00:00Z");

    @TempDir
    static Path shared;
    static EmbeddedS3 s3;

    @TempDir
    Path dir;

    @BeforeAll
    static void start() throws Exception {
        s3 = EmbeddedS3.start(shared.resolve("s3"), BUCKET);
    }

    @AfterAll
    static void stop() throws Exception {
        s3.close();
    }

    /**
     * A credential_process that counts its calls and hands out credentials expiring in 10 s: inside the
     * SDK's refresh window, so every request has to fetch fresh ones, as after a real expiry.
     */
    private Path appStreamStyleConfig() throws Exception {
        Path calls = dir.resolve("calls");
        Path script = dir.resolve("fleet-role-credentials.sh");
        Files.writeString(script, """
                #!/bin/sh
                echo call >> '%s'
                exp=$(date -u -d '+10 seconds' +%%Y-%%m-%%dT%%H:%%M:%%SZ)
                printf '{"Version": 1, "AccessKeyId": "%s", "SecretAccessKey": "%s", "SessionToken": "t", "Expiration": "%%s"}' "$exp"
                """.formatted(calls, EmbeddedS3.ACCESS_KEY, EmbeddedS3.SECRET_KEY));
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwx------"));
        return Files.writeString(dir.resolve("config"), "[profile other]\nregion = us-east-1\n\n[profile "
                + S3Clients.APPSTREAM_PROFILE + "]\ncredential_process = " + script + "\n");
    }

    @Test
    void appstreamRoleProfileIsChosenByDefaultAndRenewedCredentialsKeepUploading() throws Exception {
        Path config = appStreamStyleConfig();
        // No s3.profile in recorder.json: the AppStream profile must be found in the profile file.
        RecorderConfig.S3 cfg = new RecorderConfig.S3(BUCKET, EmbeddedS3.REGION, "p", Optional.of(s3.endpoint()), true,
                Optional.empty(), Optional.of(config));
        Spool spool = Spool.open(dir.resolve("spool"), "creds-session");
        SessionMetadata meta = new SessionMetadata("creds-session", new SessionMetadata.Sourced("u", "test"), "h",
                Optional.empty(), Optional.empty(), T0, Optional.empty(), "dev",
                S3Layout.keyBase("p", T0, Optional.empty(), "creds-session"),
                new SessionMetadata.Settings("x11grab :1", 5, 60, "libopenh264", java.util.Map.of("b", "1500k")), java.util.Map.of());
        try (S3Client client = S3Clients.create(cfg);
             Uploader up = new Uploader(client, BUCKET, spool, meta, Backoff.standard(), Clock.systemUTC())) {
            up.start();
            for (int i = 0; i < 3; i++) {
                InProgressChunk c = spool.begin(T0.plusSeconds(60L * i), 640, 480);
                Files.writeString(c.file(), "chunk " + i);
                spool.close(c, T0.plusSeconds(60L * (i + 1)));
                up.chunkClosed();
            }
            UploadStatus st = up.drain(Duration.ofSeconds(30));
            assertThat(st.drained()).as(st.lastError().orElse("")).isTrue();
            assertThat(st.uploadedChunks()).isEqualTo(3);
        }
        long calls = Files.readAllLines(dir.resolve("calls")).size();
        assertThat(calls).as("credentials fetched again as they neared expiry").isGreaterThanOrEqualTo(3);
    }
}
