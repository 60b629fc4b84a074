package dev.sessionrecorder.core.upload;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sessionrecorder.core.config.RecorderConfig;
import dev.sessionrecorder.core.session.SessionMetadata;
import dev.sessionrecorder.core.spool.ClosedChunk;
import dev.sessionrecorder.core.spool.InProgressChunk;
import dev.sessionrecorder.core.spool.Json;
import dev.sessionrecorder.core.spool.Spool;
import dev.sessionrecorder.devkit.EmbeddedS3;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.s3.S3Client;

/** The uploader against a real S3 API server (S3Proxy), which checks our SHA-256 like S3 does. */
class UploaderTest {
    static final String BUCKET = "uploads";
    static final Instant T0 = Instant.parse("2026-11-22T10:00:00Z");

    @TempDir
    static Path shared;
    static EmbeddedS3 s3;

    @TempDir
    Path root;

    @BeforeAll
    static void start() throws Exception {
        s3 = EmbeddedS3.start(shared.resolve("s3"), BUCKET);
    }

    @AfterAll
    static void stop() throws Exception {
        s3.close();
    }

    private S3Client client() throws Exception {
        Path creds = s3.writeCredentialsFile(root.resolve("credentials"), "t");
        return S3Clients.create(new RecorderConfig.S3(BUCKET, EmbeddedS3.REGION, "p", Optional.of(s3.endpoint()), true,
                Optional.of("t"), Optional.of(creds)));
    }

    private static SessionMetadata meta(String id) {
        return new SessionMetadata(id, new SessionMetadata.Sourced("u", "test"), "h", Optional.empty(), Optional.empty(), T0,
                Optional.empty(), "dev", S3Layout.keyBase("p", T0, Optional.empty(), id),
                new SessionMetadata.Settings("x11grab :1", 5, 60, "libopenh264", java.util.Map.of("b", "1500k")), java.util.Map.of());
    }

    private static ClosedChunk chunk(Spool spool, int n, String content) throws Exception {
        InProgressChunk c = spool.begin(T0.plusSeconds(60L * n), 640, 480);
        Files.writeString(c.file(), content);
        return spool.close(c, T0.plusSeconds(60L * (n + 1)));
    }

    @Test
    void uploadsChunksSessionAndFinalManifestThenDeletesLocally() throws Exception {
        Spool spool = Spool.open(root, "ok");
        chunk(spool, 0, "first chunk bytes");
        chunk(spool, 1, "second chunk bytes");
        try (S3Client s3c = client();
             Uploader up = new Uploader(s3c, BUCKET, spool, meta("ok"), Backoff.standard(), Clock.systemUTC())) {
            up.start();
            up.chunkClosed();
            UploadStatus st = up.drain(Duration.ofSeconds(20));

            assertThat(st.drained()).isTrue();
            assertThat(st.uploadedChunks()).isEqualTo(2);
            assertThat(spool.awaitingUpload()).isEmpty();
            String base = meta("ok").keyBase();
            assertThat(s3c.getObjectAsBytes(b -> b.bucket(BUCKET).key(base + "/chunks/000002.mp4")).asUtf8String())
                    .isEqualTo("second chunk bytes");
            JsonNode manifest = Json.mapper().readTree(
                    s3c.getObjectAsBytes(b -> b.bucket(BUCKET).key(base + "/manifest.json")).asByteArray());
            assertThat(manifest.path("final").asBoolean()).isTrue();
            assertThat(manifest.path("chunks")).hasSize(2);
            assertThat(manifest.path("counters").path("chunks").asInt()).isEqualTo(2);
            assertThat(manifest.path("counters").path("recoveredChunks").asInt()).isZero();
            assertThat(st.oldestPending()).isEmpty();
            assertThat(s3c.headObject(b -> b.bucket(BUCKET).key(base + "/session.json")).contentLength()).isPositive();
        }
        try (var files = Files.list(spool.dir())) {
            assertThat(files.map(f -> f.getFileName().toString())).noneMatch(n -> n.endsWith(".mp4"));
        }
    }

    private UploadStatus tryUpload(S3Client s3c, String bucket, String id) throws Exception {
        Spool spool = Spool.open(root, id);
        chunk(spool, 0, "bytes");
        try (Uploader up = new Uploader(s3c, bucket, spool, meta(id),
                new Backoff(Duration.ofMillis(20), Duration.ofMillis(100), new Random(1)), Clock.systemUTC())) {
            up.start();
            up.chunkClosed();
            UploadStatus st = up.drain(Duration.ofSeconds(2));
            assertThat(st.drained()).isFalse();
            assertThat(spool.awaitingUpload()).as("chunks stay on disk").hasSize(1);
            return st;
        }
    }

    @Test
    void crashAfterTheUploadButBeforeItsConfirmationUploadsTheSameBytesToTheSameKeyOnce() throws Exception {
        Spool spool = Spool.open(root, "crash-after-put");
        ClosedChunk c = chunk(spool, 0, "uploaded, then the recorder died");
        String key = S3Layout.chunkKey(meta("crash-after-put").keyBase(), c.record().file());
        try (S3Client s3c = client()) {
            s3c.putObject(b -> b.bucket(BUCKET).key(key), software.amazon.awssdk.core.sync.RequestBody.fromFile(c.file()));
            // no confirmation line: the next run finds the chunk still waiting
            Spool reopened = Spool.open(root, "crash-after-put");
            assertThat(reopened.awaitingUpload()).hasSize(1);
            try (Uploader up = new Uploader(s3c, BUCKET, reopened, meta("crash-after-put"), Backoff.standard(), Clock.systemUTC())) {
                up.start();
                up.chunkClosed();
                assertThat(up.drain(Duration.ofSeconds(20)).drained()).isTrue();
            }
            assertThat(s3c.listObjectsV2(b -> b.bucket(BUCKET).prefix(key)).contents()).hasSize(1);
            assertThat(s3c.getObjectAsBytes(b -> b.bucket(BUCKET).key(key)).asUtf8String()).isEqualTo("uploaded, then the recorder died");
            assertThat(reopened.awaitingUpload()).isEmpty();
        }
    }

    @Test
    void uploadWithSseS3HeaderIsAcceptedEndToEnd() throws Exception {
        Spool spool = Spool.open(root, "sse");
        chunk(spool, 0, "encrypted at rest");
        try (S3Client s3c = client();
             Uploader up = new Uploader(s3c, BUCKET, new ObjectOptions(RecorderConfig.Encryption.AES256, Optional.empty(),
                     Optional.empty()), spool, meta("sse"), Backoff.standard(), Clock.systemUTC())) {
            up.start();
            up.chunkClosed();
            UploadStatus st = up.drain(Duration.ofSeconds(20));
            assertThat(st.drained()).as(st.lastError().orElse("")).isTrue();
            String key = S3Layout.chunkKey(meta("sse").keyBase(), "000001.mp4");
            assertThat(s3c.getObjectAsBytes(b -> b.bucket(BUCKET).key(key)).asUtf8String()).isEqualTo("encrypted at rest");
        }
    }

    @Test
    void largeChunkGoesUpInVerifiedPartsAndArrivesWhole() throws Exception {
        Spool spool = Spool.open(root, "big");
        InProgressChunk c = spool.begin(T0, 3840, 2160);
        byte[] bytes = new byte[12 << 20];
        new Random(7).nextBytes(bytes);
        Files.write(c.file(), bytes);
        spool.close(c, T0.plusSeconds(60));
        try (S3Client s3c = client();
             Uploader up = new Uploader(s3c, BUCKET, spool, meta("big"), Backoff.standard(), Clock.systemUTC())) {
            up.multipart(6 << 20, 5 << 20); // three parts: 5, 5 and 2 MiB
            up.start();
            up.chunkClosed();
            UploadStatus st = up.drain(Duration.ofSeconds(60));
            assertThat(st.drained()).as(st.lastError().orElse("")).isTrue();
            String key = S3Layout.chunkKey(meta("big").keyBase(), "000001.mp4");
            assertThat(s3c.getObjectAsBytes(b -> b.bucket(BUCKET).key(key)).asByteArray()).isEqualTo(bytes);
            assertThat(s3c.listMultipartUploads(b -> b.bucket(BUCKET).prefix(meta("big").keyBase())).uploads()).isEmpty();
        }
    }

    @Test
    void multipartUploadAbandonedByACrashIsAbortedBeforeTheSessionUploadsAgain() throws Exception {
        String base = meta("abandoned").keyBase();
        try (S3Client s3c = client()) {
            String id = s3c.createMultipartUpload(b -> b.bucket(BUCKET).key(base + "/chunks/000001.mp4")).uploadId();
            s3c.uploadPart(b -> b.bucket(BUCKET).key(base + "/chunks/000001.mp4").uploadId(id).partNumber(1),
                    software.amazon.awssdk.core.sync.RequestBody.fromBytes(new byte[1024]));
            assertThat(s3c.listMultipartUploads(b -> b.bucket(BUCKET).prefix(base)).uploads()).hasSize(1);

            Spool spool = Spool.open(root, "abandoned");
            chunk(spool, 0, "small, single PUT");
            try (Uploader up = new Uploader(s3c, BUCKET, spool, meta("abandoned"), Backoff.standard(), Clock.systemUTC())) {
                up.start();
                up.chunkClosed();
                assertThat(up.drain(Duration.ofSeconds(20)).drained()).isTrue();
            }
            assertThat(s3c.listMultipartUploads(b -> b.bucket(BUCKET).prefix(base)).uploads()).isEmpty();
        }
    }

    @Test
    void wrongBucketIsNamedWithItsRegionAndTheFix() throws Exception {
        try (S3Client s3c = client()) {
            UploadStatus st = tryUpload(s3c, "no-such-bucket", "wrong-bucket");
            assertThat(st.lastError()).hasValueSatisfying(e -> assertThat(e)
                    .contains("bucket \"no-such-bucket\" does not exist in region us-east-1")
                    .contains("Fix: check s3.bucket and s3.region"));
        }
    }

    @Test
    void accessDeniedNamesTheMissingPermissionOnTheExactResource() throws Exception {
        s3.faults().failPuts(403); // a role without s3:PutObject on the prefix
        try (S3Client s3c = client()) {
            UploadStatus st = tryUpload(s3c, BUCKET, "denied");
            assertThat(st.lastError()).hasValueSatisfying(e -> assertThat(e)
                    .contains("access denied (403) for s3:PutObject on s3://uploads/p/2026/11/22/no-stack/denied/")
                    .contains("in us-east-1")
                    .contains("Fix: allow s3:PutObject on arn:aws:s3:::uploads/p/* for the credentials in use"));
        } finally {
            s3.faults().heal();
        }
    }

    @Test
    void rejectedCredentialsAreNamedWithTheFix() throws Exception {
        Path creds = Files.writeString(root.resolve("bad-credentials"),
                "[t]\naws_access_key_id = " + EmbeddedS3.ACCESS_KEY + "\naws_secret_access_key = wrong-secret\n");
        try (S3Client s3c = S3Clients.create(new RecorderConfig.S3(BUCKET, EmbeddedS3.REGION, "p", Optional.of(s3.endpoint()),
                true, Optional.of("t"), Optional.of(creds)))) {
            UploadStatus st = tryUpload(s3c, BUCKET, "bad-creds");
            assertThat(st.lastError()).hasValueSatisfying(e -> assertThat(e)
                    .contains("S3 rejected the credentials (SignatureDoesNotMatch) for bucket \"uploads\" in us-east-1")
                    .contains("Fix: check s3.profile"));
        }
    }

    @Test
    void chunkWhoseBytesChangedOnDiskIsRefusedByS3ThenQuarantinedWithoutBlockingTheOthers() throws Exception {
        Spool spool = Spool.open(root, "bad");
        ClosedChunk bad = chunk(spool, 0, "original bytes");
        chunk(spool, 1, "good bytes");
        Files.writeString(bad.file(), "altered bytes!"); // same length, different content
        try (S3Client s3c = client();
             Uploader up = new Uploader(s3c, BUCKET, spool, meta("bad"),
                     new Backoff(Duration.ofMillis(20), Duration.ofMillis(100), new Random(1)), Clock.systemUTC())) {
            up.start();
            up.chunkClosed();
            UploadStatus st = up.drain(Duration.ofSeconds(20));

            assertThat(st.drained()).as("nothing else waits: the bad chunk cannot be uploaded as recorded").isTrue();
            assertThat(st.uploadedChunks()).isEqualTo(1);
            assertThat(spool.awaitingUpload()).isEmpty();
            Path q = spool.dir().resolve("quarantine");
            assertThat(q.resolve("000001.mp4")).hasContent("altered bytes!");
            assertThat(q.resolve("000001.mp4.error")).content().contains("bytes on disk changed after the chunk was closed");
            String base = meta("bad").keyBase();
            assertThat(s3c.listObjectsV2(b -> b.bucket(BUCKET).prefix(base + "/chunks/")).contents())
                    .extracting(o -> o.key().substring(o.key().lastIndexOf('/') + 1)).containsExactly("000002.mp4");
            JsonNode manifest = Json.mapper().readTree(
                    s3c.getObjectAsBytes(b -> b.bucket(BUCKET).key(base + "/manifest.json")).asByteArray());
            assertThat(manifest.path("counters").path("quarantinedChunks").asInt()).isEqualTo(1);
            assertThat(manifest.path("chunks")).as("the chain still lists it, so verification reports it missing").hasSize(2);
        }
    }
}
