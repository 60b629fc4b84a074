package dev.sessionrecorder.core.upload;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.ChecksumAlgorithm;
import software.amazon.awssdk.services.s3.model.CompleteMultipartUploadResponse;
import software.amazon.awssdk.services.s3.model.CompletedPart;
import software.amazon.awssdk.services.s3.model.MultipartUpload;
import software.amazon.awssdk.services.s3.model.UploadPartResponse;

/**
 * Large chunks go up in parts, so a dropped connection costs one part, not the whole chunk. Each part
 * carries its SHA-256 (S3 verifies it), and the completed object's checksum, S3's "checksum of the
 * part checksums", is compared with the one computed here. An upload that fails is aborted; one that a
 * crash abandoned is aborted by {@link #abortAbandoned} before the session uploads again.
 */
final class MultipartUploads {
    private static final Logger log = LoggerFactory.getLogger(MultipartUploads.class);

    private MultipartUploads() {}

    /** Uploads {@code file} in parts of {@code partSize} bytes (S3 needs at least 5 MiB but for the last). */
    static String upload(S3Client s3, String bucket, String key, Path file, long partSize, ObjectOptions options,
                         Instant now, Map<String, String> metadata) throws IOException {
        String uploadId = s3.createMultipartUpload(b -> options.applyTo(b, now).bucket(bucket).key(key)
                .contentType("video/mp4").checksumAlgorithm(ChecksumAlgorithm.SHA256).metadata(metadata)).uploadId();
        try {
            List<CompletedPart> parts = new ArrayList<>();
            MessageDigest ofDigests = MessageDigest.getInstance("SHA-256");
            byte[] buf = new byte[(int) partSize];
            try (InputStream in = Files.newInputStream(file)) {
                for (int part = 1; ; part++) {
                    int n = in.readNBytes(buf, 0, buf.length);
                    if (n == 0) {
                        break;
                    }
                    byte[] digest = MessageDigest.getInstance("SHA-256").digest(java.util.Arrays.copyOf(buf, n));
                    ofDigests.update(digest);
                    String sha = Base64.getEncoder().encodeToString(digest);
                    int number = part;
                    UploadPartResponse r = s3.uploadPart(b -> b.bucket(bucket).key(key).uploadId(uploadId).partNumber(number)
                            .contentLength((long) n).checksumSHA256(sha), RequestBody.fromBytes(java.util.Arrays.copyOf(buf, n)));
                    parts.add(CompletedPart.builder().partNumber(number).eTag(r.eTag()).checksumSHA256(sha).build());
                    if (n < buf.length) {
                        break;
                    }
                }
            }
            CompleteMultipartUploadResponse done = s3.completeMultipartUpload(b -> b.bucket(bucket).key(key).uploadId(uploadId)
                    .multipartUpload(m -> m.parts(parts)));
            String expected = Base64.getEncoder().encodeToString(ofDigests.digest()) + "-" + parts.size();
            if (done.checksumSHA256() != null) {
                if (!done.checksumSHA256().equals(expected)) {
                    throw new IOException("S3 reports checksum " + done.checksumSHA256() + " for " + key + ", expected " + expected);
                }
            } else {
                // A store that does not report the composite checksum: every part was verified; check the whole length.
                long size = Files.size(file);
                Long stored = s3.headObject(b -> b.bucket(bucket).key(key)).contentLength();
                if (stored == null || stored != size) {
                    throw new IOException("S3 holds " + stored + " bytes for " + key + ", expected " + size);
                }
            }
            return done.eTag();
        } catch (IOException | RuntimeException | java.security.NoSuchAlgorithmException e) {
            try {
                s3.abortMultipartUpload(b -> b.bucket(bucket).key(key).uploadId(uploadId));
            } catch (RuntimeException abortFailed) {
                log.warn("Could not abort multipart upload {} of {}; the next start aborts it", uploadId, key, abortFailed);
            }
            if (e instanceof IOException io) {
                throw io;
            }
            if (e instanceof RuntimeException re) {
                throw re;
            }
            throw new IllegalStateException(e);
        }
    }

    /**
     * The upload completer: aborts every multipart upload under {@code keyBase}. Only this session's
     * uploader starts uploads there, and it runs this before its first upload, so anything found is what
     * a crash left (it would otherwise keep costing storage without ever becoming an object).
     */
    static int abortAbandoned(S3Client s3, String bucket, String keyBase) {
        int aborted = 0;
        for (MultipartUpload u : s3.listMultipartUploadsPaginator(b -> b.bucket(bucket).prefix(keyBase + "/")).uploads()) {
            s3.abortMultipartUpload(b -> b.bucket(bucket).key(u.key()).uploadId(u.uploadId()));
            log.warn("Aborted multipart upload {} of {} left by an earlier run (initiated {})", u.uploadId(), u.key(), u.initiated());
            aborted++;
        }
        return aborted;
    }
}
