package dev.sessionrecorder.recordings.fetch;

import dev.sessionrecorder.core.spool.Spool;
import dev.sessionrecorder.recordings.store.FetchedCopy;
import dev.sessionrecorder.recordings.store.FolderSessionFiles;
import dev.sessionrecorder.recordings.store.Session;
import dev.sessionrecorder.recordings.store.SessionFiles;
import dev.sessionrecorder.recordings.verify.Verifier;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Downloads a session into a folder and verifies the downloaded copy against S3's listing (the proof is
 * about the bytes on this disk), then joins the chunks that verified into playable files.
 */
public final class Fetch {
    private Fetch() {}

    /** One playable file: its geometry, the chunks it holds, and its length. */
    public record Video(Path file, int width, int height, List<Long> sequences, double seconds) {}

    /** What a download did per chunk file, and the verdict on the copy. */
    public record Downloaded(Path dir, Map<String, Outcome> chunks, Session copy, Verifier.Report report) {}

    public enum Outcome {
        DOWNLOADED, RESUMED, ALREADY_HERE,
        /** Not written: its S3 name is not a chunk name the recorder gives (the verdict names it as extra). */
        REFUSED
    }

    /** Progress callbacks: the total once known, bytes as they arrive, each chunk when done, and phases. */
    public interface Progress {
        void start(long totalBytes, int chunks);

        void bytes(long n);

        void chunk(String file, Outcome outcome, long bytes);

        void phase(String what);
    }

    /** A session id as a file or folder name: itself when the recorder would accept it, else "session". */
    public static String safeName(String sessionId) {
        return Spool.isValidSessionId(sessionId) ? sessionId : "session";
    }

    /**
     * @param retries how many times a failed chunk download is retried (resuming) before giving up; what
     *                was downloaded stays for the next run
     */
    public static Downloaded download(Session remote, Path dir, int retries, Duration firstRetryWait, Progress progress)
            throws IOException, InterruptedException {
        FolderSessionFiles folder = new FolderSessionFiles(dir);
        List<SessionFiles.StoredObject> objects = remote.files().chunks();
        progress.start(objects.stream().mapToLong(SessionFiles.StoredObject::size).sum(), objects.size());
        Map<String, Outcome> outcomes = new Downloader(remote.files(), folder, retries, firstRetryWait, progress)
                .download(remote, objects);
        progress.phase("verifying the downloaded copy");
        Session copy = Session.load(new FetchedCopy(folder, remote.files(), objects));
        return new Downloaded(dir, outcomes, copy, Verifier.verify(copy, Verifier.Listener.NONE));
    }

    /**
     * Joins the chunks that verified into videos. A chunk with any finding (altered, reordered, ...) is left
     * out: a video an auditor plays must hold only what the chain vouches for.
     */
    public static List<Video> join(Downloaded d, Progress progress) throws IOException {
        progress.phase("joining chunks into playable files (no re-encoding)");
        Set<Long> flagged = d.report().problems().stream().map(Verifier.Finding::chunk).filter(c -> c > 0)
                .collect(Collectors.toSet());
        return Joiner.join(new FolderSessionFiles(d.dir()),
                d.copy().chain().stream().filter(r -> !flagged.contains(r.sequence())).toList(), safeName(d.copy().id()));
    }
}
