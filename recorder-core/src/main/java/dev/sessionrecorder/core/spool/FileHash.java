package dev.sessionrecorder.core.spool;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.HexFormat;

/** SHA-256 of a file's bytes. S3 receives the same digest (base64) and rejects an upload whose bytes differ. */
public final class FileHash {
    private FileHash() {}

    public static byte[] sha256(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return sha256(in);
        }
    }

    /** SHA-256 of everything left in {@code in} (not closed here). */
    public static byte[] sha256(InputStream in) throws IOException {
        MessageDigest md = ChunkRecord.newDigest();
        byte[] buf = new byte[1 << 16];
        for (int n; (n = in.read(buf)) > 0; ) {
            md.update(buf, 0, n);
        }
        return md.digest();
    }

    /** Lowercase hex, the form manifests and journals record. */
    public static String hex(byte[] digest) {
        return HexFormat.of().formatHex(digest);
    }

    public static byte[] sha256(byte[] bytes) {
        return ChunkRecord.newDigest().digest(bytes);
    }

    public static String hexToBase64(String hex) {
        return Base64.getEncoder().encodeToString(HexFormat.of().parseHex(hex));
    }
}
