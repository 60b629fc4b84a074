package dev.sessionrecorder.recordings.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;

/**
 * How list and show print instants: in one zone, and the zone is named wherever times are printed, since
 * "14:32" means nothing without it. JSON instants stay UTC (scripts parse them); when --tz was given, a
 * rendering in that zone with its offset is added beside each one.
 */
final class Times {
    static final ZoneId UTC = ZoneId.of("UTC");
    /** Without --tz: UTC, as stored, and no local fields in JSON, so existing scripts see no change. */
    static final Times DEFAULT = new Times(UTC, false);

    private static final DateTimeFormatter TABLE = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

    private final ZoneId zone;
    private final boolean asked;

    /** @param asked whether the user chose the zone with --tz (only then does JSON get local renderings) */
    Times(ZoneId zone, boolean asked) {
        this.zone = zone;
        this.asked = asked;
    }

    ZoneId zone() {
        return zone;
    }

    /** Wall-clock time in the zone, for tables whose header names the zone. */
    String at(Instant i) {
        return TABLE.format(i.atZone(zone));
    }

    /** The zone and, where it changes, its offset at {@code i}: "Europe/Berlin, UTC+01:00", or "UTC". */
    String zoneAt(Instant i) {
        return zone.getId() + (zone.getRules().isFixedOffset() ? "" : ", UTC" + zone.getRules().getOffset(i).getId());
    }

    /** A column header that names the zone, e.g. "START (Europe/Berlin)". */
    String column(String label) {
        return label + " (" + zone.getId() + ")";
    }

    /** When --tz was given, "timeZone": the zone of the {@code ...Local} fields. */
    void putZone(ObjectNode o) {
        if (asked) {
            o.put("timeZone", zone.getId());
        }
    }

    /**
     * When --tz was given: beside each named UTC field {@code f}, a field {@code fLocal} with the same
     * instant in the zone, with its offset (2026-11-03T00:30:00+01:00). Absent or unparseable fields are
     * left alone: the UTC value is the record.
     */
    void addLocal(JsonNode node, String... fields) {
        if (!asked || !(node instanceof ObjectNode o)) {
            return;
        }
        for (String f : fields) {
            JsonNode v = o.get(f);
            if (v != null && v.isTextual()) {
                try {
                    o.put(f + "Local", DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(Instant.parse(v.asText()).atZone(zone)));
                } catch (DateTimeParseException notAnInstant) {
                    // an edited or foreign document: show what is there, do not invent a time
                }
            }
        }
    }
}
