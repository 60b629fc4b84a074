package dev.sessionrecorder.recordings.store;

import dev.sessionrecorder.core.upload.S3Errors;
import java.io.IOException;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Exception;

/** S3 errors turned into messages that name the missing permission, as the recorder's are. */
final class Stores {
    private Stores() {}

    static IOException explain(S3Client s3, S3Exception e, String action, String bucket, String key) {
        return new IOException(S3Errors.explain(e, action, bucket, key, s3.serviceClientConfiguration().region().id()), e);
    }
}
