package dev.sessionrecorder.core.pipeline;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sessionrecorder.core.manifest.ChainVerifier;
import dev.sessionrecorder.core.spool.ChunkRecord;
import dev.sessionrecorder.core.spool.FileHash;
import dev.sessionrecorder.core.spool.Json;
import java.io.IOException;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import software.amazon.awssdk.services.s3.S3Client;

/** A session as it landed in S3, read back the way an auditor would: its manifest, its chunks, its chain check. */
record StoredSession(S3Client client, String bucket, String base, JsonNode manifest) {

    /** The session whose manifest key ends in {@code /sessionId/manifest.json}. */
    static StoredSession find(S3Client client, String bucket, String sessionId) throws IOException {
        String key = client.listObjectsV2Paginator(b -> b.bucket(bucket)).contents().stream().map(o -> o.key())
                .filter(k -> k.endsWith("/" + sessionId + "/manifest.json")).findFirst()
                .orElseThrow(() -> new AssertionError("no manifest for " + sessionId + " in " + bucket));
        String base = key.substring(0, key.length() - "/manifest.json".length());
        return new StoredSession(client, bucket, base, Json.mapper().readTree(bytes(client, bucket, key)));
    }

    List<ChunkRecord> chain() {
        return ChainVerifier.chunks(manifest);
    }

    byte[] chunk(String file) {
        return bytes(client, bucket, base + "/chunks/" + file);
    }

    /** The chain checked against the bytes actually stored in S3; empty when intact. */
    List<ChainVerifier.Problem> problems() {
        return ChainVerifier.verify(chain(), r -> Optional.of(HexFormat.of().formatHex(FileHash.sha256(chunk(r.file())))));
    }

    private static byte[] bytes(S3Client client, String bucket, String key) {
        return client.getObjectAsBytes(b -> b.bucket(bucket).key(key)).asByteArray();
    }
}
