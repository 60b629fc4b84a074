package dev.sessionrecorder.recordings.fetch;

import dev.sessionrecorder.core.spool.ChunkRecord;
import dev.sessionrecorder.core.spool.FileHash;
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

/**
 * Copies a session's objects into a folder of the same shape, resumably: a chunk lands as
 * {@code NNNNNN.mp4.part} and takes its final name only once complete, a chunk already here with the
 * recorded SHA-256 is not fetched again, and a {@code .part} left by an interrupted run continues with
 * a ranged GET from where it stopped. Transient failures are retried the same way within a run.
 */
final class Downloader {
    private final SessionFiles source;
    private final FolderSessionFiles target;
    private final int retries;
    private final Duration firstRetryWait;
    private final Fetch.Progress listener;

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
                Path tmp = target.dir().resolve(doc + FolderSessionFiles.PARTIAL);
                Files.write(tmp, bytes.get());
                Files.move(tmp, target.dir().resolve(doc), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
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
        Path file = target.chunkPath(o.file());
        Path part = file.resolveSibling(o.file() + FolderSessionFiles.PARTIAL);
        if (Files.exists(file) && Files.size(file) == o.size()
                && (recorded.isEmpty() || recorded.get().equals(FileHash.hex(FileHash.sha256(file))))) {
            listener.bytes(o.size());
            listener.chunk(o.file(), Fetch.Outcome.ALREADY_HERE, o.size());
            return Fetch.Outcome.ALREADY_HERE;
        }
        boolean resumed = Files.exists(part) && Files.size(part) > 0 && Files.size(part) <= o.size();
        if (!resumed) {
            Files.deleteIfExists(part);
        } else {
            listener.bytes(Files.size(part));
        }
        Duration wait = firstRetryWait;
        for (int attempt = 0; ; attempt++) {
            try {
                append(o, part);
                break;
            } catch (IOException e) {
                if (attempt >= retries) {
                    throw new IOException("downloading chunks/" + o.file() + " failed after " + (attempt + 1) + " attempt(s), "
                            + Files.size(part) + " of " + o.size() + " bytes kept in " + part + " for the next run: " + e.getMessage(), e);
                }
                Thread.sleep(wait.toMillis());
                wait = wait.multipliedBy(2).compareTo(Duration.ofSeconds(10)) > 0 ? Duration.ofSeconds(10) : wait.multipliedBy(2);
            }
        }
        Files.move(part, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        Fetch.Outcome outcome = resumed ? Fetch.Outcome.RESUMED : Fetch.Outcome.DOWNLOADED;
        listener.chunk(o.file(), outcome, o.size());
        return outcome;
    }

    /** Appends what {@code part} lacks of the object, from its current length on. */
    private void append(SessionFiles.StoredObject o, Path part) throws IOException {
        long have = Files.exists(part) ? Files.size(part) : 0;
        if (have == o.size()) {
            return;
        }
        byte[] buf = new byte[1 << 16];
        try (InputStream in = source.openChunk(o.file(), have);
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
