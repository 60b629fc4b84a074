package dev.sessionrecorder.core.upload;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sessionrecorder.core.config.RecorderConfig;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.s3.model.ObjectLockMode;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;
import software.amazon.awssdk.services.s3.model.ServerSideEncryption;

/** The headers each PUT carries, read from the SDK request the uploader builds. */
class ObjectOptionsTest {
    private static final Instant NOW = Instant.parse("2026-11-22T10:00:00Z");

    private static PutObjectRequest build(ObjectOptions o) {
        return o.apply(PutObjectRequest.builder().bucket("b").key("k"), NOW).build();
    }

    @Test
    void noneLeavesTheBucketDefaults() {
        PutObjectRequest r = build(ObjectOptions.NONE);
        assertThat(r.serverSideEncryption()).isNull();
        assertThat(r.objectLockMode()).isNull();
    }

    @Test
    void kmsWithAChosenKeyAndComplianceRetention() {
        PutObjectRequest r = build(new ObjectOptions(RecorderConfig.Encryption.KMS, Optional.of("alias/recordings"),
                Optional.of(new RecorderConfig.Retention("COMPLIANCE", 365))));
        assertThat(r.serverSideEncryption()).isEqualTo(ServerSideEncryption.AWS_KMS);
        assertThat(r.ssekmsKeyId()).isEqualTo("alias/recordings");
        assertThat(r.objectLockMode()).isEqualTo(ObjectLockMode.COMPLIANCE);
        assertThat(r.objectLockRetainUntilDate()).isEqualTo(Instant.parse("2027-11-22T10:00:00Z"));
    }

    @Test
    void sseS3() {
        PutObjectRequest r = build(new ObjectOptions(RecorderConfig.Encryption.AES256, Optional.empty(), Optional.empty()));
        assertThat(r.serverSideEncryption()).isEqualTo(ServerSideEncryption.AES256);
        assertThat(r.ssekmsKeyId()).isNull();
    }
}
