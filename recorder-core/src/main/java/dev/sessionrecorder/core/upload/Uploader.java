package dev.sessionrecorder.core.upload;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sessionrecorder.core.session.SessionMetadata;
import dev.sessionrecorder.core.spool.ChunkRecord;
import dev.sessionrecorder.core.spool.ClosedChunk;
import dev.sessionrecorder.core.spool.FileHash;
import dev.sessionrecorder.core.spool.Json;
import dev.sessionrecorder.core.spool.Spool;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.exception.AbortedException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.ChecksumMode;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.PutObjectResponse;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * Moves closed chunks from the spool to S3 on its own thread, so a slow or absent S3 never stalls
 * capture. After each chunk it rewrites {@code manifest.json}; {@code session.json} whenever the
 * metadata changes. A failure keeps the chunk on disk and retries with {@link Backoff}; only S3's
 * confirmation (our SHA-256 checked by S3 and the length read back) lets the spool delete a chunk.
 */
public final class Uploader implements ChunkSink, AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(Uploader.class);

    private final S3Client s3;
    private final String bucket;
    private final ObjectOptions options;
    /** Chunks above this go up in parts (S3's minimum part is 5 MiB). */
    private long multipartThreshold = 32L << 20;
    private long partSize = 16L << 20;
    private final Spool spool;
    private final Backoff backoff;
    private final Clock clock;
    private final Object lock = new Object();
    private final Thread thread;

    // guarded by lock
    // "wanted" counts changes, "sent" the change last uploaded: a change that lands while an upload
    // is in flight is never mistaken for uploaded.
    private SessionMetadata metadata;
    private long sessionWanted = 1;
    private long sessionSent;
    private long manifestWanted = 1;
    private long manifestSent;
    private boolean finalManifest;
    private boolean stopping;
    private boolean wakeUp;
    private int uploadedChunks;
    private long uploadedBytes;
    private long failedAttempts;
    private String lastError;

    public Uploader(S3Client s3, String bucket, Spool spool, SessionMetadata metadata, Backoff backoff, Clock clock) {
        this(s3, bucket, ObjectOptions.NONE, spool, metadata, backoff, clock);
    }

    public Uploader(S3Client s3, String bucket, ObjectOptions options, Spool spool, SessionMetadata metadata,
                    Backoff backoff, Clock clock) {
        this.options = options;
        this.s3 = s3;
        this.bucket = bucket;
        this.spool = spool;
        this.metadata = metadata;
        this.backoff = backoff;
        this.clock = clock;
        this.thread = new Thread(this::run, "uploader-" + metadata.sessionId());
        thread.setDaemon(true);
    }

    public void start() {
        thread.start();
    }

    /** Multipart sizes; tests use small ones. */
    void multipart(long threshold, long part) {
        this.multipartThreshold = threshold;
        this.partSize = part;
    }

    /** A chunk was closed: upload it (and a fresh manifest) now. */
    @Override
    public void chunkClosed() {
        synchronized (lock) {
            manifestWanted++;
            wakeUp = true;
            lock.notifyAll();
        }
    }

    /** New session metadata (e.g. the end time) to publish as session.json. */
    @Override
    public void publish(SessionMetadata updated) {
        synchronized (lock) {
            metadata = updated;
            sessionWanted++;
            wakeUp = true;
            lock.notifyAll();
        }
    }

    /**
     * Uploads everything left, marks the manifest final, and stops the thread; waits at most
     * {@code budget}. What does not make it stays in the spool for the next run.
     */
    @Override
    public UploadStatus drain(Duration budget) throws InterruptedException {
        Instant deadline = clock.instant().plus(budget);
        synchronized (lock) {
            finalManifest = true;
            manifestWanted++;
            stopping = true;
            wakeUp = true;
            lock.notifyAll();
        }
        long waitMs = Math.max(1, Duration.between(clock.instant(), deadline).toMillis());
        thread.join(waitMs);
        if (thread.isAlive()) {
            thread.interrupt();
            thread.join(5_000);
        }
        UploadStatus result = status();
        if (result.drained() && !thread.isAlive()) {
            try {
                spool.markComplete();
            } catch (IOException e) {
                log.warn("Could not mark session {} complete; a later start will re-check it", spool.dir(), e);
            }
        }
        return result;
    }

    @Override
    public UploadStatus status() {
        List<ClosedChunk> pending = spool.awaitingUpload();
        long pendingBytes = pending.stream().mapToLong(c -> c.record().bytes()).sum();
        synchronized (lock) {
            return new UploadStatus(uploadedChunks, uploadedBytes, pending.size(), pendingBytes, failedAttempts,
                    Optional.ofNullable(lastError),
                    manifestSent == manifestWanted && sessionSent == sessionWanted,
                    pending.stream().findFirst().map(c -> c.record().end()));
        }
    }

    @Override
    public void close() {
        thread.interrupt();
    }

    private void run() {
        abortAbandonedMultipartUploads();
        try {
            while (true) {
                boolean stop;
                synchronized (lock) {
                    while (!wakeUp && !stopping) {
                        lock.wait(10_000); // also sweeps the spool now and then
                        wakeUp = wakeUp || !spool.awaitingUpload().isEmpty();
                    }
                    wakeUp = false;
                    stop = stopping;
                }
                try {
                    uploadPending();
                    backoff.reset();
                    if (stop && status().drained()) {
                        return;
                    }
                } catch (IOException | RuntimeException e) {
                    if (e instanceof AbortedException || Thread.currentThread().isInterrupted()) {
                        // drain() ran out of time and interrupted the call: not an upload failure, and
                        // it must not replace the error that explains why the chunks are still here.
                        throw new InterruptedException("upload interrupted by the end of the drain");
                    }
                    // Any failure, even an unexpected one, must not end the thread: the spool would fill.
                    Duration wait = backoff.next();
                    synchronized (lock) {
                        failedAttempts++;
                        lastError = clock.instant() + " " + describe(e);
                        log.warn("Upload failed (attempt {}), chunks stay in the spool; retrying in {} ms: {}",
                                backoff.attempts(), wait.toMillis(), describe(e));
                        lock.wait(wait.toMillis());
                        wakeUp = true;
                    }
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            log.warn("Uploader interrupted; {} chunk(s) remain in {}", spool.awaitingUpload().size(), spool.dir());
        }
    }

    private static boolean isBadDigest(Exception e) {
        Throwable t = e instanceof IOException && e.getCause() != null ? e.getCause() : e;
        return t instanceof S3Exception s3e && s3e.awsErrorDetails() != null
                && "BadDigest".equals(s3e.awsErrorDetails().errorCode());
    }

    /**
     * S3 said the bytes do not match the SHA-256 we sent. If the file on disk no longer hashes to what was
     * journaled, it changed after it was closed (disk fault, tampering): quarantine it. Otherwise the bytes
     * were damaged in transit, and the next attempt will do.
     */
    private boolean changedOnDisk(ClosedChunk chunk) {
        try {
            String now = java.util.HexFormat.of().formatHex(FileHash.sha256(chunk.file()));
            if (now.equals(chunk.record().sha256())) {
                return false;
            }
            spool.quarantine(chunk.file(), chunk.sequence(), "bytes on disk changed after the chunk was closed: SHA-256 "
                    + now + ", journaled " + chunk.record().sha256(), clock.instant());
            synchronized (lock) {
                manifestWanted++;
            }
            return true;
        } catch (IOException unreadable) {
            try {
                spool.quarantine(chunk.file(), chunk.sequence(), "cannot be read: " + unreadable, clock.instant());
                return true;
            } catch (IOException e) {
                log.warn("Could not quarantine {}", chunk.file(), e);
                return false;
            }
        }
    }

    /** Best effort: without s3:ListBucketMultipartUploads this is left to a bucket lifecycle rule (see README). */
    private void abortAbandonedMultipartUploads() {
        try {
            MultipartUploads.abortAbandoned(s3, bucket, metadata.keyBase());
        } catch (RuntimeException e) {
            log.info("Could not look for abandoned multipart uploads ({}); a lifecycle rule with "
                    + "AbortIncompleteMultipartUpload cleans them up", describe(e));
        }
    }

    private void uploadPending() throws IOException {
        SessionMetadata meta;
        long session;
        synchronized (lock) {
            meta = metadata;
            session = sessionWanted;
        }
        if (session != sessionSent) {
            putJson(S3Layout.sessionKey(meta.keyBase()), Json.mapper().valueToTree(meta));
            synchronized (lock) {
                sessionSent = session;
            }
        }
        Exception failure = null;
        for (ClosedChunk chunk : spool.awaitingUpload()) {
            try {
                uploadChunk(meta.keyBase(), chunk);
                synchronized (lock) {
                    manifestWanted++;
                }
            } catch (IOException | RuntimeException e) {
                if (isBadDigest(e) && changedOnDisk(chunk)) {
                    continue; // quarantined: retrying cannot help
                }
                // One chunk that keeps failing must not hold back the ones after it.
                log.warn("Chunk {} not uploaded: {}", chunk.record().file(), describe(e));
                failure = failure == null ? e : failure;
            }
        }
        long manifest;
        boolean isFinal;
        synchronized (lock) {
            manifest = manifestWanted;
            isFinal = finalManifest;
        }
        if (manifest != manifestSent) {
            putJson(S3Layout.manifestKey(meta.keyBase()), manifest(meta, isFinal));
            synchronized (lock) {
                manifestSent = manifest;
            }
        }
        if (failure instanceof IOException io) {
            throw io;
        } else if (failure != null) {
            throw (RuntimeException) failure;
        }
    }

    private void uploadChunk(String keyBase, ClosedChunk chunk) throws IOException {
        ChunkRecord r = chunk.record();
        String key = S3Layout.chunkKey(keyBase, r.file());
        long started = System.nanoTime();
        // We send the SHA-256 computed when the chunk was closed; S3 recomputes it and refuses the
        // upload on mismatch, so the bytes in S3 are exactly the bytes the journal describes.
        String expected = FileHash.hexToBase64(r.sha256());
        Map<String, String> objectMetadata = Map.of("sequence", Long.toString(r.sequence()), "sha256", r.sha256());
        if (r.bytes() > multipartThreshold) {
            String etag;
            try {
                etag = MultipartUploads.upload(s3, bucket, key, chunk.file(), partSize, options, clock.instant(), objectMetadata);
            } catch (S3Exception e) {
                throw new IOException(S3Errors.explain(e, "PutObject", bucket, key, region()), e);
            }
            finishChunk(chunk, key, etag, started);
            return;
        }
        PutObjectResponse put;
        try {
            put = s3.putObject(b -> options.apply(b, clock.instant()).bucket(bucket).key(key)
                            .contentType("video/mp4")
                            .contentLength(r.bytes())
                            .checksumSHA256(expected)
                            .metadata(objectMetadata),
                    RequestBody.fromFile(chunk.file()));
        } catch (S3Exception e) {
            throw new IOException(S3Errors.explain(e, "PutObject", bucket, key, region()), e);
        }
        confirm(key, r, expected, put);
        finishChunk(chunk, key, put.eTag(), started);
    }

    private void finishChunk(ClosedChunk chunk, String key, String etag, long started) throws IOException {
        ChunkRecord r = chunk.record();
        spool.confirmUploaded(chunk, key, etag);
        long ms = (System.nanoTime() - started) / 1_000_000;
        synchronized (lock) {
            uploadedChunks++;
            uploadedBytes += r.bytes();
        }
        log.info("Uploaded chunk {} ({} bytes, {}x{}, {} to {}) to s3://{}/{} in {} ms",
                r.sequence(), r.bytes(), r.width(), r.height(), r.start(), r.end(), bucket, key, ms);
    }

    /**
     * S3 verifies the x-amz-checksum-sha256 we send and echoes it on success, which confirms the upload
     * without a second request (and without s3:GetObject, so a write-only role works). A store that does
     * not echo it is asked with HEAD: its length must match, and its checksum where it reports one.
     */
    private void confirm(String key, ChunkRecord r, String expected, PutObjectResponse put) throws IOException {
        if (put.checksumSHA256() != null) {
            if (!put.checksumSHA256().equals(expected)) {
                throw new IOException("S3 reports SHA-256 " + put.checksumSHA256() + " for " + key + ", expected " + expected);
            }
            return;
        }
        HeadObjectResponse head;
        try {
            head = s3.headObject(b -> b.bucket(bucket).key(key).checksumMode(ChecksumMode.ENABLED));
        } catch (S3Exception e) {
            // Needed only for stores that do not echo the checksum; AWS S3 does.
            throw new IOException("this store did not confirm the checksum of the upload, and the check with HEAD failed: "
                    + S3Errors.explain(e, "GetObject", bucket, key, region()), e);
        }
        if (head.contentLength() == null || head.contentLength() != r.bytes()) {
            throw new IOException("S3 holds " + head.contentLength() + " bytes for " + key + ", expected " + r.bytes());
        }
        if (head.checksumSHA256() != null && !head.checksumSHA256().equals(expected)) {
            throw new IOException("S3 reports SHA-256 " + head.checksumSHA256() + " for " + key + ", expected " + expected);
        }
    }

    private String region() {
        return s3.serviceClientConfiguration().region().id();
    }

    /** The exception with S3's error code (e.g. BadDigest, AccessDenied) when S3 gave one. */
    static String describe(Exception e) {
        if (e instanceof IOException && e.getCause() instanceof S3Exception) {
            return e.getMessage(); // already explained by S3Errors
        }
        if (e instanceof S3Exception s3e && s3e.awsErrorDetails() != null && s3e.awsErrorDetails().errorCode() != null) {
            return "S3 " + s3e.statusCode() + " " + s3e.awsErrorDetails().errorCode() + ": " + s3e.getMessage();
        }
        return e.getClass().getSimpleName() + ": " + e.getMessage();
    }

    private ObjectNode manifest(SessionMetadata meta, boolean isFinal) {
        List<ChunkRecord> chain = spool.chain();
        ObjectNode m = Json.mapper().createObjectNode();
        m.put("version", 1);
        m.put("sessionId", meta.sessionId());
        m.put("final", isFinal);
        m.put("generatedAt", clock.instant().toString());
        m.put("chainHead", chain.isEmpty() ? ChunkRecord.GENESIS : chain.get(chain.size() - 1).hash());
        ArrayNode chunks = m.putArray("chunks");
        chain.forEach(c -> chunks.add(Json.mapper().valueToTree(c)));
        ArrayNode events = m.putArray("events");
        java.util.Map<String, Integer> counts = new java.util.HashMap<>();
        spool.events().forEach(e -> {
            ObjectNode copy = ((ObjectNode) e).deepCopy();
            copy.remove("type");
            events.add(copy);
            counts.merge(e.path("event").asText(), 1, Integer::sum);
        });
        long retries;
        synchronized (lock) {
            retries = failedAttempts;
        }
        long[] frames = spool.frameTotals();
        // At a glance, what an auditor should look at: recovered chunks, gaps, drops, layout changes.
        m.putObject("counters")
                .put("chunks", chain.size())
                .put("recoveredChunks", chain.stream().filter(ChunkRecord::recovered).count())
                .put("pauses", counts.getOrDefault("paused", 0))
                .put("droppedChunks", counts.getOrDefault("dropped", 0))
                .put("quarantinedChunks", counts.getOrDefault("quarantined", 0))
                .put("layoutChanges", Math.max(0, counts.getOrDefault("topology", 0) - 1))
                .put("framesEncoded", frames[0])
                .put("framesSkippedUnchanged", frames[1])
                .put("uploadRetries", retries);
        return m;
    }

    private void putJson(String key, Object json) throws IOException {
        byte[] body = Json.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(json).getBytes(StandardCharsets.UTF_8);
        String sha = java.util.Base64.getEncoder().encodeToString(FileHash.sha256(body));
        try {
            s3.putObject(b -> options.apply(b, clock.instant()).bucket(bucket).key(key).contentType("application/json")
                            .checksumSHA256(sha),
                    RequestBody.fromBytes(body));
        } catch (S3Exception e) {
            throw new IOException(S3Errors.explain(e, "PutObject", bucket, key, region()), e);
        }
    }
}
