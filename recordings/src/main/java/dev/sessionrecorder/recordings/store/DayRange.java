package dev.sessionrecorder.recordings.store;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Optional;

/**
 * An inclusive range of days as the auditor means them: days in a time zone. The bucket's day folders are
 * UTC days, and a local day can straddle two of them (14:32 in Berlin on 3 November can be stored under
 * 2 November), so {@link #storageDays()} widens the walk to every UTC day the range overlaps and
 * {@link #contains(Instant)} then keeps only the sessions that really started in range.
 */
public record DayRange(Optional<LocalDate> from, Optional<LocalDate> to, ZoneId zone) {
    public static final DayRange ALL_UTC = new DayRange(Optional.empty(), Optional.empty(), ZoneOffset.UTC);

    /** The UTC day folders to walk: those holding any instant of the range. */
    public Catalog.Days storageDays() {
        return new Catalog.Days(from.map(d -> utcDay(firstInstant(d))), to.map(d -> utcDay(firstInstant(d.plusDays(1)).minusNanos(1))));
    }

    /** Whether a session that started at {@code start} started on a day of the range, in the zone. */
    public boolean contains(Instant start) {
        return from.map(d -> !start.isBefore(firstInstant(d))).orElse(true)
                && to.map(d -> start.isBefore(firstInstant(d.plusDays(1)))).orElse(true);
    }

    /**
     * Whether the range's days are the storage days themselves (the zone is UTC), so that every session in
     * the walked folders is in range and none needs its start checked.
     */
    public boolean alignedWithStorage() {
        return zone.getRules().isFixedOffset() && zone.getRules().getOffset(Instant.EPOCH).equals(ZoneOffset.UTC);
    }

    /** E.g. "all days", "2026-11-03 to 2026-11-03 (UTC days)", or the zone and the UTC days walked for it. */
    public String describe() {
        if (from.isEmpty() && to.isEmpty()) {
            return "all days";
        }
        String days = span(from, to);
        if (alignedWithStorage()) {
            return days + " (UTC days)";
        }
        Catalog.Days utc = storageDays();
        return days + " in " + zone.getId() + " (UTC days " + span(utc.from(), utc.to()) + ")";
    }

    /** Midnight, or the first instant of the day where a DST change skips midnight. */
    private Instant firstInstant(LocalDate d) {
        return d.atStartOfDay(zone).toInstant();
    }

    private static LocalDate utcDay(Instant i) {
        return LocalDate.ofInstant(i, ZoneOffset.UTC);
    }

    private static String span(Optional<LocalDate> a, Optional<LocalDate> b) {
        return a.map(LocalDate::toString).orElse("…") + " to " + b.map(LocalDate::toString).orElse("…");
    }
}
