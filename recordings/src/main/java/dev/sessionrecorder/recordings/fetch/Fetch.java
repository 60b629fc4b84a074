package dev.sessionrecorder.recordings.fetch;

import dev.sessionrecorder.recordings.store.FolderSessionFiles;
import dev.sessionrecorder.recordings.store.Session;
import dev.sessionrecorder.recordings.store.SessionFiles;
import dev.sessionrecorder.recordings.verify.Verifier;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * Downloads a session into a folder, verifies the downloaded copy (the same check as on S3, so the proof
 * is about the bytes on this disk), then joins the chunks into playable files.
 */
public final class Fetch {
    private Fetch() {}

    /** One playable file: its geometry, the chunks it holds, and its length. */
    public record Video(Path file, int width, int height, List<Long> sequences, double seconds) {}

    /** What a fetch did, per chunk file, and what the folder now holds. */
    public record Result(Path dir, Map<String, Outcome> chunks, Verifier.Report report, List<Video> videos) {}

    public enum Outcome { DOWNLOADED, RESUMED, ALREADY_HERE }

    /** Progress callbacks: the total once known, bytes as they arrive, each chunk when done, and phases. */
    public interface Progress {
        void start(long totalBytes, int chunks);

        void bytes(long n);

        void chunk(String file, Outcome outcome, long bytes);

        void phase(String what);
    }

    /**
     * @param retries how many times a failed chunk download is retried (resuming) before giving up; what
     *                was downloaded stays for the next run
     */
    public static Result run(Session remote, Path dir, int retries, Duration firstRetryWait, boolean join, Progress progress)
            throws IOException, InterruptedException {
        FolderSessionFiles folder = new FolderSessionFiles(dir);
        List<SessionFiles.StoredObject> objects = remote.files().chunks();
        progress.start(objects.stream().mapToLong(SessionFiles.StoredObject::size).sum(), objects.size());
        Map<String, Outcome> outcomes = new Downloader(remote.files(), folder, retries, firstRetryWait, progress)
                .download(remote, objects);
        progress.phase("verifying the downloaded copy");
        Session local = Session.load(folder);
        Verifier.Report report = Verifier.verify(local, Verifier.Listener.NONE);
        List<Video> videos = List.of();
        if (join) {
            progress.phase("joining chunks into playable files (no re-encoding)");
            videos = Joiner.join(folder, local.chain(), local.id());
        }
        return new Result(dir, outcomes, report, videos);
    }
}
