package dev.sessionrecorder.core.spool;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;

/**
 * One closed chunk as the journal and {@code manifest.json} record it. {@code hash} chains the entries:
 * it is the SHA-256 of {@link #canonical()}, which includes the previous entry's hash, so removing,
 * reordering or altering any chunk breaks every hash after it.
 *
 * @param sequence  1-based, contiguous within a session
 * @param file      object name of the chunk, e.g. {@code 000001.mp4}
 * @param start     wall-clock time of the chunk's first frame (UTC, millisecond precision)
 * @param end       wall-clock time its last frame stops showing
 * @param sha256    hex SHA-256 of the chunk's bytes
 * @param recovered true when the chunk was closed by crash recovery instead of by the recorder
 * @param previous  hash of the previous entry; 64 zeros for the first
 */
public record ChunkRecord(long sequence, String file, Instant start, Instant end, int width, int height,
                          long bytes, String sha256, boolean recovered, String previous, String hash) {

    public static final String GENESIS = "0".repeat(64);

    /** Builds a record and computes its chain hash. */
    public static ChunkRecord of(long sequence, String file, Instant start, Instant end, int width, int height,
                                 long bytes, String sha256, boolean recovered, String previous) {
        ChunkRecord unsigned = new ChunkRecord(sequence, file, start, end, width, height, bytes, sha256, recovered, previous, "");
        return unsigned.withHash(sha256Hex(unsigned.canonical()));
    }

    /**
     * The exact text that is hashed, one field per line, in this order (documented in the README so
     * auditors can check the chain with any tool): {@code v1, sequence, file, start, end, width, height,
     * bytes, sha256, recovered, previous}.
     */
    public String canonical() {
        return String.join("\n", "v1", Long.toString(sequence), file, start.toString(), end.toString(),
                Integer.toString(width), Integer.toString(height), Long.toString(bytes), sha256,
                Boolean.toString(recovered), previous);
    }

    /** Whether {@link #hash} matches the record's own fields. */
    public boolean hashIsValid() {
        return sha256Hex(canonical()).equals(hash);
    }

    private ChunkRecord withHash(String h) {
        return new ChunkRecord(sequence, file, start, end, width, height, bytes, sha256, recovered, previous, h);
    }

    static String sha256Hex(String text) {
        return HexFormat.of().formatHex(newDigest().digest(text.getBytes(StandardCharsets.UTF_8)));
    }

    static MessageDigest newDigest() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }
}
