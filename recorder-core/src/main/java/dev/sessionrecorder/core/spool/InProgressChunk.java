package dev.sessionrecorder.core.spool;

import java.nio.file.Path;
import java.time.Instant;

/**
 * A chunk being written: {@code NNNNNN.mp4.part} in the session's spool folder. Only
 * {@link Spool#close} turns it into a {@link ClosedChunk}; after a crash, recovery does.
 */
public record InProgressChunk(long sequence, Path file, Instant start, int width, int height) {}
