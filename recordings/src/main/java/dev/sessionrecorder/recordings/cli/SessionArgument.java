package dev.sessionrecorder.recordings.cli;

import dev.sessionrecorder.core.config.ConfigException;
import dev.sessionrecorder.core.config.RecorderConfig;
import dev.sessionrecorder.core.upload.S3Clients;
import dev.sessionrecorder.recordings.store.Catalog;
import dev.sessionrecorder.recordings.store.DayRange;
import dev.sessionrecorder.recordings.store.FolderSessionFiles;
import dev.sessionrecorder.recordings.store.S3SessionFiles;
import dev.sessionrecorder.recordings.store.SessionFiles;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.ZoneId;
import java.util.Optional;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * The SESSION argument of show, verify and fetch, with the store and day options that locate it (a
 * picocli mixin, so the three commands declare and resolve it one way). Turns what the user typed into a session: a downloaded folder, an {@code s3://bucket/key} URL, a key
 * folder as {@code list --json} prints it, or a bare session id (searched newest day first).
 */
final class SessionArgument {
    @Parameters(paramLabel = "SESSION", description = SessionArgument.HELP)
    String session;

    @Mixin
    StoreOptions store;

    @Mixin
    DayOptions days;

    static final String HELP = "A session id (as `recordings list` shows it), its key folder, an s3://bucket/key URL, "
            + "or (show, verify) a folder that `recordings fetch` or `aws s3 cp --recursive` wrote, given as a path "
            + "such as ./sess-1.";

    /** The session could not be found; exit {@link ExitCodes#NOT_FOUND}. */
    static final class NotFound extends Exception {
        private static final long serialVersionUID = 1L;

        NotFound(String message) {
            super(message);
        }
    }


    /** A located session and, when it is in S3, the client that reads it (close it when done). */
    record Located(SessionFiles files, Optional<S3Client> client) implements AutoCloseable {
        @Override
        public void close() {
            client.ifPresent(S3Client::close);
        }
    }

    /**
     * A downloaded folder only when written as a path ({@code ./sess-1}, {@code /evidence/sess-1}): a bare
     * word is a session id, even if a folder of that name is here (fetch makes one), so that which store
     * is read never depends on the current directory.
     */
    static boolean isFolder(String arg) {
        boolean writtenAsPath = arg.startsWith(".") || arg.indexOf('/') >= 0 || arg.indexOf(java.io.File.separatorChar) >= 0;
        return writtenAsPath && !arg.startsWith("s3://") && FolderSessionFiles.isSessionFolder(Path.of(arg));
    }

    /** The session named on the command line, --since/--until being UTC days. */
    Located locate(boolean allowFolder, PrintWriter err) throws ConfigException, IOException, NotFound {
        return locate(allowFolder, err, Times.UTC);
    }

    /**
     * The session named on the command line; {@code allowFolder}: whether a downloaded folder may stand for
     * it; {@code zone}: the zone of the --since/--until days (the search walks the UTC days they overlap).
     */
    Located locate(boolean allowFolder, PrintWriter err, ZoneId zone) throws ConfigException, IOException, NotFound {
        String arg = session;
        if (allowFolder && isFolder(arg)) {
            return new Located(new FolderSessionFiles(Path.of(arg)), Optional.empty());
        }
        String key = arg;
        Optional<String> bucket = Optional.empty();
        if (arg.startsWith("s3://")) {
            String rest = arg.substring("s3://".length());
            int slash = rest.indexOf('/');
            if (slash <= 0 || slash == rest.length() - 1) {
                throw new ConfigException("SESSION", arg + " is not s3://bucket/key-folder-of-a-session");
            }
            bucket = Optional.of(rest.substring(0, slash));
            key = rest.substring(slash + 1);
        }
        RecorderConfig.S3 cfg = store.resolve(bucket);
        S3Client s3 = S3Clients.create(cfg);
        try {
            String base = keyFolder(key);
            if (!base.contains("/")) {
                DayRange range = days.range(zone);
                err.println("Searching " + range.describe() + " under s3://" + cfg.bucket() + "/" + cfg.prefix() + " for session " + base + " ...");
                err.flush();
                Optional<String> found = new Catalog(s3, cfg.bucket(), cfg.prefix()).find(base, range.storageDays(), p -> { });
                if (found.isEmpty()) {
                    throw new NotFound("no session " + base + " under s3://" + cfg.bucket() + "/" + cfg.prefix() + " (" + range.describe()
                            + "). Fix: check the id with `recordings list`, and --prefix or --since/--until");
                }
                base = found.get();
            }
            S3SessionFiles files = new S3SessionFiles(s3, cfg.bucket(), base);
            if (files.read(SessionFiles.MANIFEST_JSON).isEmpty() && files.read(SessionFiles.SESSION_JSON).isEmpty()) {
                throw new NotFound("nothing recorded at " + files.location() + " (no session.json, no manifest.json)");
            }
            return new Located(files, Optional.of(s3));
        } catch (IOException | NotFound | RuntimeException e) {
            s3.close();
            throw e;
        }
    }

    /** "a/b/sid", "a/b/sid/", "a/b/sid/manifest.json" all mean the folder a/b/sid. */
    static String keyFolder(String key) {
        String k = key;
        for (String file : new String[] {"/" + SessionFiles.SESSION_JSON, "/" + SessionFiles.MANIFEST_JSON}) {
            if (k.endsWith(file)) {
                k = k.substring(0, k.length() - file.length());
            }
        }
        while (k.endsWith("/")) {
            k = k.substring(0, k.length() - 1);
        }
        return k;
    }
}
