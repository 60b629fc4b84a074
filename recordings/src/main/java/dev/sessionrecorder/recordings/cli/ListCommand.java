package dev.sessionrecorder.recordings.cli;

import dev.sessionrecorder.core.config.ConfigException;
import dev.sessionrecorder.core.config.RecorderConfig;
import dev.sessionrecorder.core.session.SessionMetadata;
import dev.sessionrecorder.core.upload.S3Clients;
import dev.sessionrecorder.recordings.cli.ListView.Row;
import dev.sessionrecorder.recordings.store.Catalog;
import dev.sessionrecorder.recordings.store.DayRange;
import dev.sessionrecorder.recordings.store.S3SessionFiles;
import dev.sessionrecorder.recordings.store.Session;
import dev.sessionrecorder.recordings.store.UserCheck;
import dev.sessionrecorder.recordings.store.UserQuery;
import dev.sessionrecorder.recordings.verify.Verifier;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import software.amazon.awssdk.services.s3.S3Client;

@Command(name = "list", mixinStandardHelpOptions = true,
        description = {"Lists recorded sessions, newest first.",
                "A date range is read from the key layout, so it never lists the whole bucket. INTEGRITY is checked from "
                        + "the manifest and object sizes (no download): \"sealed\" means the hash chain is whole, every chunk "
                        + "is stored at its recorded size and the recorder finished the session; `recordings verify` re-hashes "
                        + "the bytes."},
        modelTransformer = ListCommand.CheckValuesHelp.class)
final class ListCommand extends BaseCommand {
    @Mixin
    StoreOptions store;

    @Mixin
    DayOptions days;

    @Mixin
    ZoneOption zoneOption;

    @Option(names = "--user", paramLabel = "NAME", description = {
            "Only this user, case-insensitive: the Windows session user (DOMAIN\\name matches name) or the claimed "
                    + "AppStream user name (alice@corp.example also matches alice). MATCHED says which; a claim "
                    + "is what the user's environment said, not proof (see CHECK)."})
    String user;

    @Option(names = "--stack", paramLabel = "NAME", description = "Only this AppStream stack.")
    String stack;

    @Option(names = "--fleet", paramLabel = "NAME", description = "Only this AppStream fleet.")
    String fleet;

    @Option(names = "--json", description = "One JSON array instead of the table.")
    boolean json;

    @Override
    int execute() throws Exception {
        if (user != null && user.isBlank()) {
            throw new ConfigException("--user", "--user is empty. Fix: give a user name, such as alice or CORP\\alice");
        }
        Times times = zoneOption.times();
        DayRange range = days.range(times.zone());
        RecorderConfig.S3 cfg = store.resolve(Optional.empty());
        try (S3Client s3 = S3Clients.create(cfg)) {
            Catalog catalog = new Catalog(s3, cfg.bucket(), cfg.prefix());
            List<String> bases = catalog.sessions(range.storageDays(), Optional.ofNullable(stack), p -> { });
            List<Row> read = new ArrayList<>();
            List<String> unreadable = new ArrayList<>();
            read(s3, cfg.bucket(), bases, read, unreadable);
            List<Row> rows = new ArrayList<>(read.stream().filter(r -> started(r.session(), range) && matches(r.session()))
                    .map(this::withUserMatch).flatMap(Optional::stream).toList());
            rows.sort(Comparator.comparing((Row r) -> r.session().start().orElse(Instant.EPOCH)).reversed());
            ListView view = new ListView(times);
            if (json) {
                out().println(view.json(rows));
            } else {
                view.table(out(), rows, user != null);
                out().printf("%d session(s) in s3://%s/%s, %s%n", rows.size(), cfg.bucket(), cfg.prefix(), range.describe());
                view.claimNote(out(), rows);
            }
            // One unreadable session must not hide the others; it is named, and the exit code says the list is partial.
            unreadable.forEach(u -> err().println("recordings list: could not read " + u));
            if (!unreadable.isEmpty()) {
                err().printf("recordings list: %d session(s) could not be read; the list above lacks them%n", unreadable.size());
                return ExitCodes.FAILURE;
            }
        }
        return ExitCodes.OK;
    }

    /**
     * Ends the help with every CHECK value and its meaning, taken from {@link UserCheck} itself: a value
     * added there is documented here without anyone remembering to (not-verified once went missing).
     */
    static final class CheckValuesHelp implements CommandLine.IModelTransformer {
        @Override
        public CommandSpec transform(CommandSpec spec) {
            List<String> footer = new ArrayList<>(List.of("", "CHECK, how far the recorded user is confirmed:"));
            for (UserCheck c : UserCheck.values()) {
                footer.add("  %-15s%s".formatted(c.label(), c.meaning()));
            }
            footer.add("");
            footer.add(ExitCodes.HELP);
            spec.usageMessage().footer(footer.toArray(String[]::new));
            return spec;
        }
    }

    /** Reads the sessions' documents in parallel: a day of a big fleet is hundreds of small GETs. */
    private void read(S3Client s3, String bucket, List<String> bases, List<Row> rows, List<String> unreadable)
            throws InterruptedException {
        ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, Math.min(16, bases.size())));
        try {
            List<Future<Row>> futures = new ArrayList<>();
            for (String base : bases) {
                futures.add(pool.submit(() -> {
                    Session s = Session.load(new S3SessionFiles(s3, bucket, base));
                    return new Row(base, s, Verifier.quick(s), Optional.empty());
                }));
            }
            int done = 0;
            for (int i = 0; i < futures.size(); i++) {
                try {
                    rows.add(futures.get(i).get());
                } catch (ExecutionException e) {
                    unreadable.add(bases.get(i) + ": " + e.getCause().getMessage());
                }
                done++;
                if (bases.size() >= 50 && done % 50 == 0) {
                    err().printf("read %d of %d sessions%n", done, bases.size());
                    err().flush();
                }
            }
        } finally {
            pool.shutdownNow();
        }
    }

    /** The row with what --user matched, or nothing when --user is given and names nobody in it. */
    private Optional<Row> withUserMatch(Row r) {
        if (user == null) {
            return Optional.of(r);
        }
        return new UserQuery(user).match(r.session()).map(by -> new Row(r.keyBase(), r.session(), r.check(), Optional.of(by)));
    }

    /**
     * Whether the session started in range. The walk covered whole UTC days, which in another zone reach
     * past the range's days; in UTC the folders are the range, and a session is never dropped for that.
     * A session whose start cannot be read is kept: hiding it would hide a damaged session.
     */
    private static boolean started(Session s, DayRange range) {
        return range.alignedWithStorage() || s.start().map(range::contains).orElse(true);
    }

    private boolean matches(Session s) {
        Optional<SessionMetadata> m = s.metadata();
        if (fleet != null && !m.flatMap(SessionMetadata::fleet).map(f -> f.equalsIgnoreCase(fleet)).orElse(false)) {
            return false;
        }
        return stack == null || m.flatMap(SessionMetadata::stack).map(st -> st.equalsIgnoreCase(stack)).orElse(true);
    }
}
