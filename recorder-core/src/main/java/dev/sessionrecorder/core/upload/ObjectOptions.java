package dev.sessionrecorder.core.upload;

import dev.sessionrecorder.core.config.RecorderConfig;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import software.amazon.awssdk.services.s3.model.ObjectLockMode;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;
import software.amazon.awssdk.services.s3.model.ServerSideEncryption;

/**
 * What every object we write carries besides its bytes: server-side encryption (SSE-S3 or SSE-KMS with
 * a chosen key) and Object Lock retention, so that no one, the recorded user included, can delete or
 * alter a recording before its retention ends. Applied to chunks, manifests and session.json alike.
 */
public record ObjectOptions(RecorderConfig.Encryption encryption, Optional<String> kmsKeyId,
                            Optional<RecorderConfig.Retention> retention) {

    public static final ObjectOptions NONE = new ObjectOptions(RecorderConfig.Encryption.NONE, Optional.empty(), Optional.empty());

    public static ObjectOptions from(RecorderConfig.S3 cfg) {
        return new ObjectOptions(cfg.encryption(), cfg.kmsKeyId(), cfg.retention());
    }

    /** The same for the start of a multipart upload. */
    public software.amazon.awssdk.services.s3.model.CreateMultipartUploadRequest.Builder applyTo(
            software.amazon.awssdk.services.s3.model.CreateMultipartUploadRequest.Builder b, Instant now) {
        switch (encryption) {
            case AES256 -> b.serverSideEncryption(ServerSideEncryption.AES256);
            case KMS -> {
                b.serverSideEncryption(ServerSideEncryption.AWS_KMS);
                kmsKeyId.ifPresent(b::ssekmsKeyId);
            }
            case NONE -> { }
        }
        retention.ifPresent(r -> b.objectLockMode(ObjectLockMode.fromValue(r.mode()))
                .objectLockRetainUntilDate(now.plus(Duration.ofDays(r.days()))));
        return b;
    }

    /** Adds the encryption and retention headers to a PUT made at {@code now}. */
    public PutObjectRequest.Builder apply(PutObjectRequest.Builder b, Instant now) {
        switch (encryption) {
            case AES256 -> b.serverSideEncryption(ServerSideEncryption.AES256);
            case KMS -> {
                b.serverSideEncryption(ServerSideEncryption.AWS_KMS);
                kmsKeyId.ifPresent(b::ssekmsKeyId);
            }
            case NONE -> { }
        }
        retention.ifPresent(r -> b.objectLockMode(ObjectLockMode.fromValue(r.mode()))
                .objectLockRetainUntilDate(now.plus(Duration.ofDays(r.days()))));
        return b;
    }
}
