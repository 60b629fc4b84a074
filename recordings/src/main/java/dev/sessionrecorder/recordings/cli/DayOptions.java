package dev.sessionrecorder.recordings.cli;

import dev.sessionrecorder.recordings.store.DayRange;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Optional;
import picocli.CommandLine.Option;

/** The day range of session starts: UTC days, which is how the bucket is laid out, unless --tz names another zone. */
final class DayOptions {
    @Option(names = "--since", paramLabel = "YYYY-MM-DD",
            description = "Sessions started on or after this day (UTC; a day in the --tz zone where --tz is given).")
    LocalDate since;

    @Option(names = "--until", paramLabel = "YYYY-MM-DD",
            description = "Sessions started on or before this day (UTC; a day in the --tz zone where --tz is given).")
    LocalDate until;

    DayRange range(ZoneId zone) {
        return new DayRange(Optional.ofNullable(since), Optional.ofNullable(until), zone);
    }
}
