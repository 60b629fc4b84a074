package dev.sessionrecorder.recordings.cli;

import dev.sessionrecorder.recordings.store.Catalog;
import java.time.LocalDate;
import java.util.Optional;
import picocli.CommandLine.Option;

/** The day range of session starts (UTC), which is also how the bucket is laid out. */
final class DayOptions {
    @Option(names = "--since", paramLabel = "YYYY-MM-DD", description = "Sessions started on or after this day (UTC).")
    LocalDate since;

    @Option(names = "--until", paramLabel = "YYYY-MM-DD", description = "Sessions started on or before this day (UTC).")
    LocalDate until;

    Catalog.Days days() {
        return new Catalog.Days(Optional.ofNullable(since), Optional.ofNullable(until));
    }

    String describe() {
        return since == null && until == null ? "all days"
                : (since == null ? "…" : since.toString()) + " to " + (until == null ? "…" : until.toString());
    }
}
