package dev.sessionrecorder.core.pipeline;

import dev.sessionrecorder.core.upload.UploadStatus;
import java.time.Instant;
import java.util.Optional;

/**
 * A snapshot for {@code recorder status} and the stop reply.
 *
 * @param state     one of {@code starting, capturing, waiting-for-screen, stopping, stopped}
 * @param chunk     sequence number of the chunk being written, 0 when none
 */
public record SessionStatus(String sessionId, String state, long chunk, Optional<Instant> chunkStart,
                            int width, int height, long framesCaptured, int chunksClosed, UploadStatus upload) {}
