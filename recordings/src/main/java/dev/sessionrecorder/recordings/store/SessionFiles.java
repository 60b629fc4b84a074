package dev.sessionrecorder.recordings.store;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Optional;

/**
 * The objects of one recorded session, wherever they are: in S3 under the session's key folder, or in a
 * folder on disk with the same shape ({@code session.json}, {@code manifest.json}, {@code chunks/NNNNNN.mp4}).
 * Verification reads through this, so a downloaded copy is checked by exactly the code that checks S3.
 */
public interface SessionFiles {
    String SESSION_JSON = "session.json";
    String MANIFEST_JSON = "manifest.json";

    /** Where the session is, for messages: {@code s3://bucket/key} or a folder path. */
    String location();

    /** The bytes of {@link #SESSION_JSON} or {@link #MANIFEST_JSON}; empty when there is no such object. */
    Optional<byte[]> read(String name) throws IOException;

    /** Every chunk object stored for the session, by file name, whether or not the manifest lists it. */
    List<StoredObject> chunks() throws IOException;

    /** The bytes of a chunk from {@code offset} on (a resumed download starts past what it has). */
    InputStream openChunk(String file, long offset) throws IOException;

    /**
     * The bytes of a listed chunk from {@code offset} on; a store that versions objects refuses to mix the
     * listed version with a newer one.
     */
    default InputStream openChunk(StoredObject listed, long offset) throws IOException {
        return openChunk(listed.file(), offset);
    }

    /** The S3 key folder the session is stored under; empty for a folder on disk. */
    default Optional<String> keyBase() {
        return Optional.empty();
    }

    /** One stored chunk object; {@code etag} identifies the version listed, where the store has one. */
    record StoredObject(String file, long size, Optional<String> etag) {
        public StoredObject(String file, long size) {
            this(file, size, Optional.empty());
        }
    }
}
