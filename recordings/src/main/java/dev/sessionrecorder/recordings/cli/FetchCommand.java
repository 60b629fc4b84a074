package dev.sessionrecorder.recordings.cli;

import dev.sessionrecorder.recordings.fetch.Fetch;
import dev.sessionrecorder.recordings.store.Session;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "fetch", mixinStandardHelpOptions = true,
        description = {"Downloads a session into OUT/<session id>/ (session.json, manifest.json, chunks/), verifies the "
                + "downloaded copy against the hash chain, and joins the chunks into <session id>.mp4 without re-encoding.",
                "Chunks of different resolutions cannot share one video track: a session that changed resolution becomes "
                        + "one file per run of equal geometry, <session id>-<n>-<W>x<H>.mp4. timeline.json maps file time "
                        + "to wall-clock time (time between chunks, e.g. a locked screen, is not on video).",
                "Resumable: run it again after an interruption and it keeps complete chunks and continues partial ones."},
        footer = {"", ExitCodes.HELP})
final class FetchCommand extends BaseCommand {
    @Mixin
    SessionArgument target;

    @Option(names = {"-o", "--out"}, paramLabel = "DIR", defaultValue = ".",
            description = "Folder to download into; the session gets its own sub-folder (default: the current folder).")
    Path out;

    @Option(names = "--no-join", description = "Only download and verify; do not write the joined video.")
    boolean noJoin;

    @Option(names = "--retries", paramLabel = "N", defaultValue = "5",
            description = "Retries of a failed chunk download, each resuming where it stopped (default: ${DEFAULT-VALUE}).")
    int retries;


    @Override
    int execute() throws Exception {
        if (retries < 0) {
            throw new dev.sessionrecorder.core.config.ConfigException("--retries", "--retries must be 0 or more");
        }
        try (SessionArgument.Located located = target.locate(false, err())) {
            Session remote = Session.load(located.files());
            Path dir = out.resolve(Fetch.safeName(remote.id()));
            Files.createDirectories(dir);
            err().printf("Fetching %s into %s%n", located.files().location(), dir);
            ProgressDisplay progress = new ProgressDisplay(err(), System.console() != null);
            Fetch.Downloaded result = Fetch.download(remote, dir, retries, Duration.ofSeconds(1), progress);
            java.util.Map<Fetch.Outcome, Long> counts = new java.util.EnumMap<>(Fetch.Outcome.class);
            result.chunks().values().forEach(o -> counts.merge(o, 1L, Long::sum));
            out().printf("Fetched session %s into %s: %d chunk(s) downloaded, %d already here%n", remote.id(), dir,
                    counts.getOrDefault(Fetch.Outcome.DOWNLOADED, 0L) + counts.getOrDefault(Fetch.Outcome.RESUMED, 0L),
                    counts.getOrDefault(Fetch.Outcome.ALREADY_HERE, 0L));
            result.chunks().forEach((file, o) -> {
                if (o == Fetch.Outcome.REFUSED) {
                    out().printf("NOT downloaded: chunks/%s (not a chunk name the recorder gives)%n", file);
                }
            });
            // The verdict first: if joining fails, the auditor still has it.
            VerifyCommand.print(result.report(), out());
            out().flush();
            if (!noJoin) {
                List<Fetch.Video> videos = Fetch.join(result, progress);
                for (Fetch.Video v : videos) {
                    out().printf("Video: %s  (%dx%d, %.1f s, %s)%n", v.file(), v.width(), v.height(), v.seconds(), chunks(v.sequences()));
                }
                if (!result.report().intact()) {
                    out().println("Chunks with a problem above are left out of the videos.");
                }
                out().printf("Timeline: %s%n", dir.resolve("timeline.json"));
            }
            return result.report().intact() ? ExitCodes.OK : ExitCodes.NOT_INTACT;
        }
    }

    /** "chunk 3", "chunks 1-4", or "chunks 1, 2, 4" when one is missing (a range would hide it). */
    static String chunks(java.util.List<Long> seq) {
        if (seq.size() == 1) {
            return "chunk " + seq.get(0);
        }
        long first = seq.get(0);
        long last = seq.get(seq.size() - 1);
        return last - first + 1 == seq.size() ? "chunks " + first + "-" + last
                : "chunks " + String.join(", ", seq.stream().map(String::valueOf).toList());
    }

}
