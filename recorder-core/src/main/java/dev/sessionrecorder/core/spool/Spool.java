package dev.sessionrecorder.core.spool;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sessionrecorder.core.session.SessionMetadata;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One session's folder on local disk. A chunk's state is visible from the files alone:
 * <pre>
 *   NNNNNN.mp4.part   in progress (journal has its "open" line)
 *   NNNNNN.mp4        closed: hashed, journaled with a "chunk" line, waiting for S3
 *   (gone)            uploaded: uploads.jsonl holds S3's confirmation
 * </pre>
 * {@code journal.jsonl} is append-only and forced to disk on every line; {@code manifest.json} in S3 is
 * built from its "chunk" lines. Opening a spool always runs {@link #recover} first.
 *
 * <p>Thread-safe: the capture thread opens and closes chunks while the uploader confirms them.
 */
public final class Spool {
    private static final Logger log = LoggerFactory.getLogger(Spool.class);
    private static final Pattern SESSION_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,127}");
    private static final Pattern CHUNK_FILE = Pattern.compile("\\d{6,19}\\.mp4");
    static final String PART = ".part";
    static final String COMPLETE = "complete";

    private final Path dir;
    private final Journal journal;
    private final Journal uploads;
    private final List<ChunkRecord> chain = new ArrayList<>();
    private final Set<Long> uploaded = new HashSet<>();
    private final List<JsonNode> events = new ArrayList<>();
    private long framesEncoded;
    private long framesSkipped;
    private long nextSequence = 1;
    private int recoveredCount;

    /** A spool opened by {@link #inspect} never changes a file: no recovery, no renames. */
    private final boolean readOnly;

    private Spool(Path dir, ObjectMapper mapper, boolean readOnly) {
        this.dir = dir;
        this.readOnly = readOnly;
        this.journal = new Journal(dir.resolve("journal.jsonl"), mapper);
        this.uploads = new Journal(dir.resolve("uploads.jsonl"), mapper);
    }

    /** Opens (or creates) the spool of {@code sessionId} under {@code root}, recovering what a crash left. */
    public static Spool open(Path root, String sessionId) throws IOException {
        if (!SESSION_ID.matcher(sessionId).matches()) {
            throw new IllegalArgumentException("session id \"" + sessionId
                    + "\" must be 1-128 letters, digits, '.', '_' or '-' and start with a letter or digit");
        }
        Path dir = root.resolve("sessions").resolve(sessionId);
        Files.createDirectories(dir);
        Spool spool = new Spool(dir, Json.mapper(), false);
        spool.load();
        spool.recover();
        return spool;
    }

    /**
     * Reads a session's spool without touching it, for reports: a recorder may still be writing to it,
     * and recovery would close its in-progress chunk under it.
     */
    public static Spool inspect(Path root, String sessionId) throws IOException {
        Spool spool = new Spool(root.resolve("sessions").resolve(sessionId), Json.mapper(), true);
        spool.loadReadOnly();
        return spool;
    }

    private void loadReadOnly() throws IOException {
        for (JsonNode line : journal.read()) {
            loadLine(line);
        }
        for (JsonNode line : uploads.read()) {
            uploaded.add(line.path("sequence").asLong());
        }
    }

    /** The folder of every session spool under {@code root}. */
    public static Path sessionsDir(Path root) {
        return root.resolve("sessions");
    }

    public Path dir() {
        return dir;
    }

    private void load() throws IOException {
        journal.repairTail();
        uploads.repairTail();
        loadReadOnly();
    }

    private void loadLine(JsonNode line) {
        String type = line.path("type").asText();
        if ("chunk".equals(type)) {
            chain.add(Json.chunkRecord(line));
            // Numbers follow the chain, so they stay contiguous (a gap would look like a removed chunk):
            // a number opened but never closed (empty, discarded, lost before its file existed) is reused.
            nextSequence = Math.max(nextSequence, line.path("sequence").asLong() + 1);
        } else if ("event".equals(type)) {
            events.add(line);
        } else if ("stats".equals(type)) {
            framesEncoded += line.path("framesEncoded").asLong();
            framesSkipped += line.path("framesSkipped").asLong();
        }
    }

    /**
     * Recovery path, run before anything else touches the spool: an in-progress file left by a crash is
     * closed as it is (fragmented MP4 plays up to its last fragment) and marked {@code recovered}, so the
     * uploader picks it up like any closed chunk; a chunk S3 had confirmed but that the crash left on disk
     * is deleted now.
     */
    private void recover() throws IOException {
        List<Path> parts;
        try (Stream<Path> s = Files.list(dir)) {
            parts = s.filter(p -> p.getFileName().toString().endsWith(PART)).sorted().toList();
        }
        for (Path part : parts) {
            long seq = sequenceOf(part);
            Optional<ChunkRecord> journaled = chain.stream().filter(r -> r.sequence() == seq).findFirst();
            if (journaled.isPresent()) {
                // closed and journaled, but the crash came before the rename
                finishRename(journaled.get());
                log.warn("Recovery: finished closing chunk {}", journaled.get().file());
                continue;
            }
            JsonNode open = findOpenLine(seq);
            if (open == null || Files.size(part) == 0) {
                // Nothing was captured into it (or it predates its journal line): there is nothing to keep.
                log.warn("Recovery: discarding empty or unjournaled in-progress file {}", part.getFileName());
                Files.delete(part);
                continue;
            }
            InProgressChunk c = new InProgressChunk(open.path("sequence").asLong(), part,
                    Instant.parse(open.path("start").asText()), open.path("width").asInt(), open.path("height").asInt());
            Instant end = Files.getLastModifiedTime(part).toInstant();
            ClosedChunk closed;
            try {
                closed = closeAs(c, end.isBefore(c.start()) ? c.start() : end, true);
            } catch (IOException unreadable) {
                quarantine(part, seq, "could not be read during recovery: " + unreadable, Instant.now());
                continue;
            }
            recoveredCount++;
            log.warn("Recovery: closed chunk {} left in progress by a crash ({} bytes, {} to {})",
                    closed.record().file(), closed.record().bytes(), closed.record().start(), closed.record().end());
        }
        for (ChunkRecord r : chain) {
            Path f = dir.resolve(r.file());
            if (uploaded.contains(r.sequence()) && Files.deleteIfExists(f)) {
                log.info("Recovery: removed {} (S3 had confirmed it before the crash)", r.file());
            }
        }
    }

    /** The latest "open" line of a sequence number (a reused number has several). */
    private JsonNode findOpenLine(long sequence) throws IOException {
        JsonNode found = null;
        for (JsonNode line : journal.read()) {
            if ("open".equals(line.path("type").asText()) && line.path("sequence").asLong() == sequence) {
                found = line;
            }
        }
        return found;
    }

    private static long sequenceOf(Path part) {
        String name = part.getFileName().toString();
        try {
            return Long.parseLong(name.substring(0, name.indexOf('.')));
        } catch (NumberFormatException | StringIndexOutOfBoundsException e) {
            return -1;
        }
    }

    /** The session's metadata as saved at start, if this session was recorded here before (a restart or recovery). */
    public Optional<SessionMetadata> metadata() throws IOException {
        Path f = dir.resolve("session.json");
        if (!Files.exists(f)) {
            return Optional.empty();
        }
        return Optional.of(Json.mapper().readValue(f.toFile(), SessionMetadata.class));
    }

    /** Saves metadata atomically (write, then rename), so a crash never leaves half a file. */
    public void saveMetadata(SessionMetadata meta) throws IOException {
        Path tmp = dir.resolve("session.json.tmp");
        Files.write(tmp, Json.mapper().writerWithDefaultPrettyPrinter().writeValueAsBytes(meta));
        Files.move(tmp, dir.resolve("session.json"), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }

    /**
     * Marks the session as fully in S3 (every chunk confirmed, final manifest written). The folder stays
     * as a few-KB tombstone, so that a recorder restarted with the same session id continues the
     * numbering instead of overwriting objects in S3; {@link LeftoverSessions} skips it.
     */
    public synchronized void markComplete() throws IOException {
        Files.writeString(dir.resolve(COMPLETE), Instant.now().toString());
    }

    public boolean isComplete() {
        return Files.exists(dir.resolve(COMPLETE));
    }

    /** Session ids that have a folder under {@code root}, oldest name first. */
    public static List<String> sessionIds(Path root) throws IOException {
        Path sessions = sessionsDir(root);
        if (!Files.isDirectory(sessions)) {
            return List.of();
        }
        try (Stream<Path> s = Files.list(sessions)) {
            return s.filter(Files::isDirectory).map(p -> p.getFileName().toString())
                    .filter(id -> SESSION_ID.matcher(id).matches()).sorted().toList();
        }
    }

    /** Whether the session folder under {@code root} has been marked complete. */
    public static boolean isComplete(Path root, String sessionId) {
        return Files.exists(sessionsDir(root).resolve(sessionId).resolve(COMPLETE));
    }

    /** Starts the next chunk. Its "open" line is on disk before the file exists, so recovery always knows its start. */
    public synchronized InProgressChunk begin(Instant start, int width, int height) throws IOException {
        long seq = nextSequence++;
        Files.deleteIfExists(dir.resolve(COMPLETE)); // the same session recording again: work to do
        Instant s = start.truncatedTo(ChronoUnit.MILLIS);
        ObjectNode line = Json.mapper().createObjectNode()
                .put("type", "open").put("sequence", seq).put("start", s.toString())
                .put("width", width).put("height", height);
        journal.append(line);
        return new InProgressChunk(seq, dir.resolve(fileName(seq) + PART), s, width, height);
    }

    /**
     * Journals something a viewer of the recording must know: a layout change, a pause and its reason.
     * {@code event} names it; {@code at} is when it happened.
     */
    public synchronized void recordEvent(String event, Instant at, ObjectNode details) throws IOException {
        ObjectNode line = Json.mapper().createObjectNode().put("type", "event").put("event", event)
                .put("at", at.truncatedTo(ChronoUnit.MILLIS).toString());
        line.setAll(details);
        journal.append(line);
        events.add(line);
    }

    /** Frames written into a closed chunk and frames skipped in it as unchanged, for the manifest's counters. */
    public synchronized void recordFrameStats(long sequence, long encoded, long skippedFrames) throws IOException {
        ObjectNode line = Json.mapper().createObjectNode().put("type", "stats").put("sequence", sequence)
                .put("framesEncoded", encoded).put("framesSkipped", skippedFrames);
        journal.append(line);
        framesEncoded += encoded;
        framesSkipped += skippedFrames;
    }

    /** Totals over the session: {encoded, skipped}. */
    public synchronized long[] frameTotals() {
        return new long[] {framesEncoded, framesSkipped};
    }

    /** Every event so far, oldest first. */
    public synchronized List<JsonNode> events() {
        return List.copyOf(events);
    }

    /** Closes a chunk the encoder has finished: rename, hash, journal. */
    public ClosedChunk close(InProgressChunk chunk, Instant end) throws IOException {
        return closeAs(chunk, end, false);
    }

    /**
     * Order matters for crash safety: the bytes are forced to disk and hashed, the "chunk" line is
     * journaled, and only then is the file renamed. A crash before the journal line leaves a .part that
     * recovery closes; a crash after it leaves a .part whose entry exists, and recovery only renames it.
     */
    private synchronized ClosedChunk closeAs(InProgressChunk chunk, Instant end, boolean recovered) throws IOException {
        Path part = chunk.file();
        try (FileChannel ch = FileChannel.open(part, StandardOpenOption.WRITE)) {
            ch.force(true);
        }
        String sha = HexFormat.of().formatHex(FileHash.sha256(part));
        String previous = chain.isEmpty() ? ChunkRecord.GENESIS : chain.get(chain.size() - 1).hash();
        ChunkRecord r = ChunkRecord.of(chunk.sequence(), fileName(chunk.sequence()), chunk.start(),
                end.truncatedTo(ChronoUnit.MILLIS), chunk.width(), chunk.height(), Files.size(part), sha, recovered, previous);
        ObjectNode line = Json.mapper().valueToTree(r);
        line.put("type", "chunk");
        journal.append(line);
        chain.add(r);
        nextSequence = Math.max(nextSequence, r.sequence() + 1);
        return new ClosedChunk(r, finishRename(r));
    }

    /** Renames a journaled chunk's .part to its final name (idempotent). */
    private Path finishRename(ChunkRecord r) throws IOException {
        Path closed = dir.resolve(r.file());
        Path part = dir.resolve(r.file() + PART);
        if (Files.exists(part)) {
            Files.move(part, closed, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        }
        return closed;
    }

    /** Gives up on an in-progress chunk that holds no frame (e.g. capture failed right after opening it). */
    public synchronized void discard(InProgressChunk chunk) throws IOException {
        Files.deleteIfExists(chunk.file());
        ObjectNode line = Json.mapper().createObjectNode()
                .put("type", "discarded").put("sequence", chunk.sequence());
        journal.append(line);
        if (chunk.sequence() == nextSequence - 1) {
            nextSequence--; // nothing was closed under this number: the next chunk takes it
        }
    }

    /**
     * The drop-oldest policy: deletes the oldest closed chunk that S3 does not have yet, and journals it
     * as an event, so the manifest says which chunk is missing and why instead of it just vanishing.
     * Its chain entry stays: the chain still proves what was recorded.
     */
    public synchronized Optional<ChunkRecord> dropOldestUnuploaded(Instant at) throws IOException {
        List<ClosedChunk> waiting = awaitingUpload();
        if (waiting.isEmpty()) {
            return Optional.empty();
        }
        ChunkRecord r = waiting.get(0).record();
        recordEvent("dropped", at, Json.mapper().createObjectNode().put("reason", "spool-full")
                .put("sequence", r.sequence()).put("file", r.file()).put("bytes", r.bytes()).put("sha256", r.sha256()));
        Files.deleteIfExists(waiting.get(0).file());
        return Optional.of(r);
    }

    /**
     * Moves a chunk that can no longer be uploaded as journaled (unreadable, or its bytes changed after
     * they were hashed) to {@code quarantine/}, with an {@code .error} note beside it, and journals it.
     * It never blocks the queue again; its chain entry stays, so the manifest still shows it is missing.
     */
    public synchronized void quarantine(Path file, long sequence, String reason, Instant at) throws IOException {
        Path q = Files.createDirectories(dir.resolve("quarantine"));
        Path target = q.resolve(file.getFileName());
        Files.move(file, target, StandardCopyOption.REPLACE_EXISTING);
        Files.writeString(q.resolve(file.getFileName() + ".error"), at + " " + reason + System.lineSeparator());
        recordEvent("quarantined", at, Json.mapper().createObjectNode().put("sequence", sequence)
                .put("file", file.getFileName().toString()).put("reason", reason));
        log.error("Quarantined {}: {} (kept in {})", file.getFileName(), reason, q);
    }

    /** Usable bytes left on the spool's disk. */
    public long freeDiskBytes() throws IOException {
        return Files.getFileStore(dir).getUsableSpace();
    }

    /** Records S3's confirmation, then deletes the local file: the only way a chunk leaves the spool. */
    public synchronized void confirmUploaded(ClosedChunk chunk, String key, String etag) throws IOException {
        ObjectNode line = Json.mapper().createObjectNode()
                .put("sequence", chunk.sequence()).put("key", key).put("etag", etag)
                .put("sha256", chunk.record().sha256()).put("at", Instant.now().toString());
        uploads.append(line);
        uploaded.add(chunk.sequence());
        Files.deleteIfExists(chunk.file());
    }

    /** Closed chunks that S3 has not confirmed yet, oldest first. */
    public synchronized List<ClosedChunk> awaitingUpload() {
        List<ClosedChunk> out = new ArrayList<>();
        for (ChunkRecord r : chain) {
            if (uploaded.contains(r.sequence())) {
                continue;
            }
            Path f = dir.resolve(r.file());
            if (!Files.exists(f) && !readOnly) {
                try {
                    f = finishRename(r); // a rename that failed at close (e.g. a scanner held the file)
                } catch (IOException e) {
                    log.warn("Chunk {} is journaled but cannot be renamed yet: {}", r.file(), e.toString());
                    continue;
                }
            }
            if (Files.exists(f)) {
                out.add(new ClosedChunk(r, f));
            }
        }
        return out;
    }

    /** Bytes of chunks on local disk: closed ones waiting for S3 plus any in progress. */
    public long bytesOnDisk() throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            long total = 0;
            for (Path p : (Iterable<Path>) s::iterator) {
                String n = p.getFileName().toString();
                if (n.endsWith(".mp4") || n.endsWith(PART)) {
                    total += Files.size(p);
                }
            }
            return total;
        }
    }

    /** The hash chain so far (every closed chunk, uploaded or not). */
    public synchronized List<ChunkRecord> chain() {
        return List.copyOf(chain);
    }

    public synchronized int uploadedCount() {
        return uploaded.size();
    }

    /** Chunks that recovery closed when this spool was opened. */
    public synchronized int recoveredCount() {
        return recoveredCount;
    }

    /** The file name of chunk {@code sequence}: {@code 000001.mp4}. Also its S3 object name under {@code chunks/}. */
    public static String fileName(long sequence) {
        return String.format("%06d.mp4", sequence);
    }

    /** Whether {@code name} is a name {@link #fileName} gives: readers trust no other name as a path. */
    public static boolean isChunkFileName(String name) {
        return CHUNK_FILE.matcher(name).matches();
    }

    /** Whether {@code id} is a session id the recorder accepts (and so safe as a file or folder name). */
    public static boolean isValidSessionId(String id) {
        return id != null && SESSION_ID.matcher(id).matches();
    }
}
