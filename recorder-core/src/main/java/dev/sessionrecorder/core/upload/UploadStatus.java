package dev.sessionrecorder.core.upload;

import java.time.Instant;
import java.util.Optional;

/**
 * What the uploader has done so far.
 *
 * @param pendingChunks   closed chunks still on local disk
 * @param manifestCurrent whether S3's manifest.json lists every closed chunk
 * @param oldestPending   end time of the oldest chunk still waiting: how far behind S3 is
 */
public record UploadStatus(int uploadedChunks, long uploadedBytes, int pendingChunks, long pendingBytes,
                           long failedAttempts, Optional<String> lastError, boolean manifestCurrent,
                           Optional<Instant> oldestPending) {

    /** True when nothing recorded is missing from S3. */
    public boolean drained() {
        return pendingChunks == 0 && manifestCurrent;
    }
}
