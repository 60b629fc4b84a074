package dev.sessionrecorder.recordings.cli;

import dev.sessionrecorder.recordings.fetch.Fetch;
import dev.sessionrecorder.recordings.store.Session;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "fetch", mixinStandardHelpOptions = true,
        description = {"Downloads a session into OUT/<session id>/ (session.json, manifest.json, chunks/), verifies the "
                + "downloaded copy against the hash chain, and joins the chunks into <session id>.mp4 without re-encoding.",
                "Chunks of different resolutions cannot share one video track: a session that changed resolution becomes "
                        + "one file per run of equal geometry, <session id>-<n>-<W>x<H>.mp4. timeline.json maps file time "
                        + "to wall-clock time (time between chunks, e.g. a locked screen, is not on video).",
                "Resumable: run it again after an interruption and it keeps complete chunks and continues partial ones."},
        footer = {"", ExitCodes.HELP})
final class FetchCommand extends BaseCommand {
    @Parameters(paramLabel = "SESSION", description = SessionArgument.HELP)
    String session;

    @Option(names = {"-o", "--out"}, paramLabel = "DIR", defaultValue = ".",
            description = "Folder to download into; the session gets its own sub-folder (default: the current folder).")
    Path out;

    @Option(names = "--no-join", description = "Only download and verify; do not write the joined video.")
    boolean noJoin;

    @Option(names = "--retries", paramLabel = "N", defaultValue = "5",
            description = "Retries of a failed chunk download, each resuming where it stopped (default: ${DEFAULT-VALUE}).")
    int retries;

    @Mixin
    StoreOptions store;

    @Mixin
    DayOptions days;

    @Override
    int execute() throws Exception {
        if (retries < 0) {
            throw new dev.sessionrecorder.core.config.ConfigException("--retries", "--retries must be 0 or more");
        }
        try (SessionArgument.Located located = SessionArgument.locate(session, store, days, false, err())) {
            Session remote = Session.load(located.files());
            Path dir = out.resolve(safeFolderName(remote.id()));
            Files.createDirectories(dir);
            err().printf("Fetching %s into %s%n", located.files().location(), dir);
            ProgressDisplay progress = new ProgressDisplay(err(), System.console() != null);
            Fetch.Result result = Fetch.run(remote, dir, retries, Duration.ofSeconds(1), !noJoin, progress);
            progress.done();
            long downloaded = result.chunks().values().stream().filter(o -> o != Fetch.Outcome.ALREADY_HERE).count();
            long kept = result.chunks().size() - downloaded;
            out().printf("Fetched session %s into %s: %d chunk(s) downloaded, %d already here%n", remote.id(), dir, downloaded, kept);
            VerifyCommand.print(result.report(), out());
            for (Fetch.Video v : result.videos()) {
                out().printf("Video: %s  (%dx%d, %.1f s, chunks %s)%n", v.file(), v.width(), v.height(), v.seconds(),
                        v.sequences().size() == 1 ? v.sequences().get(0).toString()
                                : v.sequences().get(0) + "-" + v.sequences().get(v.sequences().size() - 1));
            }
            if (!result.videos().isEmpty()) {
                out().printf("Timeline: %s%n", dir.resolve("timeline.json"));
            }
            return result.report().intact() ? ExitCodes.OK : ExitCodes.NOT_INTACT;
        }
    }

    /** Session ids come from S3 keys; keep the folder name to a safe set on every file system. */
    static String safeFolderName(String id) {
        String s = id.replaceAll("[^A-Za-z0-9._-]", "_");
        return s.isEmpty() || s.equals(".") || s.equals("..") ? "session" : s;
    }
}
