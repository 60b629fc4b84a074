package dev.sessionrecorder.recordings.cli;

import dev.sessionrecorder.core.config.ConfigException;
import java.time.DateTimeException;
import java.time.ZoneId;
import picocli.CommandLine.Option;

/** --tz of list and show: the zone times are printed in and --since/--until days are read in. */
final class ZoneOption {
    @Option(names = "--tz", paramLabel = "ZONE",
            description = "Print times, and read --since/--until days, in this time zone: an IANA name such as "
                    + "Europe/Berlin, or local for this machine's zone (default: UTC, as stored). JSON keeps UTC "
                    + "instants and adds local ones with their offset.")
    String tz;

    /** The zone to use; a bad name is exit 2 with the fix, before anything is read. */
    Times times() throws ConfigException {
        return tz == null ? Times.DEFAULT : new Times(zone(tz), true);
    }

    static ZoneId zone(String value) throws ConfigException {
        if (value.equalsIgnoreCase("local")) {
            return ZoneId.systemDefault();
        }
        try {
            return ZoneId.of(value);
        } catch (DateTimeException e) {
            // "europe/berlin" is unambiguous; refusing it would only make the auditor retype it.
            for (String id : ZoneId.getAvailableZoneIds()) {
                if (id.equalsIgnoreCase(value)) {
                    return ZoneId.of(id);
                }
            }
            throw new ConfigException("--tz", "--tz \"" + value + "\" is not a time zone. Fix: use an IANA name such as "
                    + "Europe/Berlin or America/New_York, UTC, or local for this machine's zone");
        }
    }
}
