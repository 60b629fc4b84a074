package dev.sessionrecorder.core.upload;

import dev.sessionrecorder.core.config.RecorderConfig;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.function.Consumer;
import software.amazon.awssdk.services.s3.model.CreateMultipartUploadRequest;
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
    public CreateMultipartUploadRequest.Builder applyTo(CreateMultipartUploadRequest.Builder b, Instant now) {
        apply(b::serverSideEncryption, b::ssekmsKeyId, b::objectLockMode, b::objectLockRetainUntilDate, now);
        return b;
    }

    /** Adds the encryption and retention headers to a PUT made at {@code now}. */
    public PutObjectRequest.Builder apply(PutObjectRequest.Builder b, Instant now) {
        apply(b::serverSideEncryption, b::ssekmsKeyId, b::objectLockMode, b::objectLockRetainUntilDate, now);
        return b;
    }

    /** One place for the rules; the two SDK builders have the same setters but no common type. */
    private void apply(Consumer<ServerSideEncryption> sse, Consumer<String> kmsKey, Consumer<ObjectLockMode> lockMode,
                       Consumer<Instant> retainUntil, Instant now) {
        switch (encryption) {
            case AES256 -> sse.accept(ServerSideEncryption.AES256);
            case KMS -> {
                sse.accept(ServerSideEncryption.AWS_KMS);
                kmsKeyId.ifPresent(kmsKey);
            }
            case NONE -> { }
        }
        retention.ifPresent(r -> {
            lockMode.accept(ObjectLockMode.fromValue(r.mode()));
            retainUntil.accept(now.plus(Duration.ofDays(r.days())));
        });
    }
}
