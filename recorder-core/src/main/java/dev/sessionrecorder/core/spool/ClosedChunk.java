package dev.sessionrecorder.core.spool;

import java.nio.file.Path;

/**
 * A chunk that is finished, hashed and journaled ({@code NNNNNN.mp4}), waiting for S3. Only
 * {@link Spool#confirmUploaded} ends its life, after S3 has confirmed the bytes.
 */
public record ClosedChunk(ChunkRecord record, Path file) {
    public long sequence() {
        return record.sequence();
    }
}
