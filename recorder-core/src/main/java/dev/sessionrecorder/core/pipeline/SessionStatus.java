package dev.sessionrecorder.core.pipeline;

import dev.sessionrecorder.core.upload.UploadStatus;
import java.time.Instant;
import java.util.Optional;

/**
 * A snapshot for {@code recorder status} and the stop reply.
 *
 * @param chunk     sequence number of the chunk being written, 0 when none
 */
public record SessionStatus(String sessionId, CaptureState state, long chunk, Optional<Instant> chunkStart,
                            int width, int height, long framesCaptured, long framesSkipped, int chunksClosed,
                            UploadStatus upload) {}
