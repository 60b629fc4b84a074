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

    /** One stored chunk object. */
    record StoredObject(String file, long size) {}
}
