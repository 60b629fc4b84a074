package dev.sessionrecorder.recordings.store;

import dev.sessionrecorder.core.upload.S3Layout;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Optional;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.S3Exception;

/** A session's objects in S3, under the key folder {@code keyBase} that the recorder wrote. */
public final class S3SessionFiles implements SessionFiles {
    private final S3Client s3;
    private final String bucket;
    private final String keyBase;

    public S3SessionFiles(S3Client s3, String bucket, String keyBase) {
        this.s3 = s3;
        this.bucket = bucket;
        this.keyBase = keyBase;
    }

    @Override
    public Optional<String> keyBase() {
        return Optional.of(keyBase);
    }

    @Override
    public String location() {
        return "s3://" + bucket + "/" + keyBase;
    }

    @Override
    public Optional<byte[]> read(String name) throws IOException {
        String key = keyBase + "/" + name;
        try {
            return Optional.of(s3.getObjectAsBytes(b -> b.bucket(bucket).key(key)).asByteArray());
        } catch (NoSuchKeyException e) {
            return Optional.empty();
        } catch (S3Exception e) {
            throw Stores.explain(s3, e, "GetObject", bucket, key);
        }
    }

    @Override
    public List<StoredObject> chunks() throws IOException {
        String folder = S3Layout.chunkKey(keyBase, "");
        try {
            return s3.listObjectsV2Paginator(b -> b.bucket(bucket).prefix(folder)).contents().stream()
                    .map(o -> new StoredObject(o.key().substring(folder.length()), o.size(), Optional.ofNullable(o.eTag())))
                    .filter(o -> !o.file().isEmpty() && !o.file().contains("/"))
                    .toList();
        } catch (S3Exception e) {
            throw Stores.explain(s3, e, "ListBucket", bucket, folder);
        }
    }

    @Override
    public InputStream openChunk(String file, long offset) throws IOException {
        return openChunk(file, offset, Optional.empty());
    }

    /** With the listed ETag as If-Match: S3 answers 412 if the object changed since, so a resumed download never splices two versions. */
    @Override
    public InputStream openChunk(StoredObject listed, long offset) throws IOException {
        return openChunk(listed.file(), offset, listed.etag());
    }

    private InputStream openChunk(String file, long offset, Optional<String> etag) throws IOException {
        String key = S3Layout.chunkKey(keyBase, file);
        try {
            return s3.getObject(b -> {
                b.bucket(bucket).key(key);
                etag.ifPresent(b::ifMatch);
                if (offset > 0) {
                    b.range("bytes=" + offset + "-");
                }
            });
        } catch (NoSuchKeyException e) {
            throw new java.io.FileNotFoundException(location() + "/chunks/" + file + " is not in S3");
        } catch (S3Exception e) {
            throw Stores.explain(s3, e, "GetObject", bucket, key);
        } catch (SdkClientException e) {
            // Connection refused, reset, timed out after the SDK's own retries: an I/O failure like any other.
            throw new IOException("cannot read s3://" + bucket + "/" + key + ": " + e.getMessage(), e);
        }
    }
}
