package dev.sessionrecorder.core.upload;

import dev.sessionrecorder.core.session.SessionMetadata;
import java.time.Duration;

/** Where the capture loop hands closed chunks: the {@link Uploader} in production, a fake in tests. */
public interface ChunkSink {
    /** A chunk was closed into the spool. */
    void chunkClosed();

    /** The session's metadata changed (e.g. it ended). */
    void publish(SessionMetadata metadata);

    /** Uploads what is left within {@code budget}; reports what remains. */
    UploadStatus drain(Duration budget) throws InterruptedException;

    UploadStatus status();
}
