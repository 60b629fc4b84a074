package dev.sessionrecorder.recordings.fetch;

import dev.sessionrecorder.core.io.AtomicFiles;
import dev.sessionrecorder.core.spool.ChunkRecord;
import dev.sessionrecorder.core.spool.FileHash;
import dev.sessionrecorder.core.spool.Json;
import dev.sessionrecorder.core.spool.Spool;
import dev.sessionrecorder.recordings.store.FolderSessionFiles;
import dev.sessionrecorder.recordings.store.Session;
import dev.sessionrecorder.recordings.store.SessionFiles;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * Copies a session's objects into a folder of the same shape, resumably: a chunk lands as
 * {@code NNNNNN.mp4.part} and takes its final name only once complete, a chunk already here with the
 * recorded SHA-256 is not fetched again, and a {@code .part} left by an interrupted run continues with
 * a ranged GET from where it stopped. Transient failures are retried the same way within a run.
 *
 * <p>"Already here" also needs S3's object to be the version this folder got ({@value #ETAGS} keeps the
 * ETag of each completed chunk): a chunk replaced in S3 since an earlier fetch is downloaded again, so
 * the verdict is about what S3 holds now, not about what it held then.
 */
final class Downloader {
    /** Answers that another attempt cannot change: denied, gone, or changed since it was listed. */
    private static final Set<Integer> FINAL_STATUS = Set.of(403, 404, 412);
    static final String ETAGS = ".fetched-etags.json";

    private final SessionFiles source;
    private final FolderSessionFiles target;
    private final int retries;
    private final Duration firstRetryWait;
    private final Fetch.Progress listener;
    private final Map<String, String> etags = new java.util.TreeMap<>();

    Downloader(SessionFiles source, FolderSessionFiles target, int retries, Duration firstRetryWait, Fetch.Progress listener) {
        this.source = source;
        this.target = target;
        this.retries = retries;
        this.firstRetryWait = firstRetryWait;
        this.listener = listener;
    }

    /** Downloads the documents and every chunk object, listed in the manifest or not; returns what was done per file. */
    Map<String, Fetch.Outcome> download(Session remote, List<SessionFiles.StoredObject> objects) throws IOException, InterruptedException {
        Files.createDirectories(target.dir().resolve("chunks"));
        for (String doc : new String[] {SessionFiles.SESSION_JSON, SessionFiles.MANIFEST_JSON}) {
            Optional<byte[]> bytes = source.read(doc);
            if (bytes.isPresent()) {
                AtomicFiles.write(target.dir().resolve(doc), bytes.get());
            }
        }
        Path etagFile = target.dir().resolve(ETAGS);
        if (Files.exists(etagFile)) {
            try {
                etags.putAll(Json.mapper().readValue(etagFile.toFile(),
                        new com.fasterxml.jackson.core.type.TypeReference<Map<String, String>>() { }));
            } catch (IOException unreadable) {
                etags.clear(); // then every chunk is fetched again: slower, never wrong
            }
        }
        Map<String, String> recordedSha = new LinkedHashMap<>();
        for (ChunkRecord r : remote.chain()) {
            recordedSha.putIfAbsent(r.file(), r.sha256());
        }
        Map<String, Fetch.Outcome> done = new LinkedHashMap<>();
        for (SessionFiles.StoredObject o : objects) {
            done.put(o.file(), chunk(o, Optional.ofNullable(recordedSha.get(o.file()))));
        }
        return done;
    }

    private Fetch.Outcome chunk(SessionFiles.StoredObject o, Optional<String> recorded) throws IOException, InterruptedException {
        if (!Spool.isChunkFileName(o.file())) {
            listener.chunk(o.file(), Fetch.Outcome.REFUSED, o.size());
            return Fetch.Outcome.REFUSED;
        }
        Path file = target.chunkPath(o.file());
        Path part = file.resolveSibling(o.file() + FolderSessionFiles.PARTIAL);
        boolean sameVersion = o.etag().isEmpty() || o.etag().get().equals(etags.get(o.file()));
        if (sameVersion && Files.exists(file) && Files.size(file) == o.size()
                && (recorded.isEmpty() || recorded.get().equals(FileHash.hex(FileHash.sha256(file))))) {
            listener.bytes(o.size());
            listener.chunk(o.file(), Fetch.Outcome.ALREADY_HERE, o.size());
            return Fetch.Outcome.ALREADY_HERE;
        }
        long kept = Files.exists(part) ? Files.size(part) : 0;
        boolean resumed = kept > 0 && kept <= o.size();
        if (!resumed) {
            Files.deleteIfExists(part);
        } else {
            listener.bytes(kept);
        }
        fetchWithRetries(o, part);
        if (resumed && recorded.isPresent() && !recorded.get().equals(FileHash.hex(FileHash.sha256(part)))) {
            // The kept bytes may be from a crash mid-write or an older version of the object: a tampering
            // alarm must come from S3's bytes, not from ours, so start this chunk over once.
            Files.delete(part);
            resumed = false;
            fetchWithRetries(o, part);
        }
        Files.move(part, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        if (o.etag().isPresent()) {
            etags.put(o.file(), o.etag().get());
            AtomicFiles.write(target.dir().resolve(ETAGS), Json.mapper().writerWithDefaultPrettyPrinter().writeValueAsBytes(etags));
        }
        Fetch.Outcome outcome = resumed ? Fetch.Outcome.RESUMED : Fetch.Outcome.DOWNLOADED;
        listener.chunk(o.file(), outcome, o.size());
        return outcome;
    }

    private void fetchWithRetries(SessionFiles.StoredObject o, Path part) throws IOException, InterruptedException {
        Duration wait = firstRetryWait;
        for (int attempt = 0; ; attempt++) {
            try {
                append(o, part);
                return;
            } catch (IOException e) {
                long have = Files.exists(part) ? Files.size(part) : 0;
                if (attempt >= retries || isFinal(e)) {
                    throw new IOException("downloading chunks/" + o.file() + " failed after " + (attempt + 1) + " attempt(s): "
                            + e.getMessage() + (have > 0 ? "; " + have + " of " + o.size() + " bytes kept in " + part
                            + " for the next run" : ""), e);
                }
                Thread.sleep(wait.toMillis());
                wait = wait.multipliedBy(2).compareTo(Duration.ofSeconds(10)) > 0 ? Duration.ofSeconds(10) : wait.multipliedBy(2);
            }
        }
    }

    private static boolean isFinal(IOException e) {
        return e instanceof java.io.FileNotFoundException
                || e.getCause() instanceof S3Exception s3e && FINAL_STATUS.contains(s3e.statusCode());
    }

    /** Appends what {@code part} lacks of the object, from its current length on. */
    private void append(SessionFiles.StoredObject o, Path part) throws IOException {
        long have = Files.exists(part) ? Files.size(part) : 0;
        if (have == o.size()) {
            return;
        }
        byte[] buf = new byte[1 << 16];
        try (InputStream in = source.openChunk(o, have);
             OutputStream out = Files.newOutputStream(part, StandardOpenOption.CREATE, StandardOpenOption.APPEND)) {
            for (int n; (n = in.read(buf)) > 0; ) {
                out.write(buf, 0, n);
                listener.bytes(n);
            }
        }
        long got = Files.size(part);
        if (got != o.size()) {
            throw new IOException("got " + got + " of " + o.size() + " bytes");
        }
    }
}
