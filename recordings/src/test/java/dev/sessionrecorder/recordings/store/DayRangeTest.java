package dev.sessionrecorder.recordings.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Days in a time zone against the bucket's UTC day folders. */
class DayRangeTest {
    private static DayRange range(String from, String to, String zone) {
        return new DayRange(Optional.ofNullable(from).map(LocalDate::parse), Optional.ofNullable(to).map(LocalDate::parse),
                ZoneId.of(zone));
    }

    private static Catalog.Days utc(String from, String to) {
        return new Catalog.Days(Optional.ofNullable(from).map(LocalDate::parse), Optional.ofNullable(to).map(LocalDate::parse));
    }

    @Test
    void aBerlinDayStartsOnThePreviousUtcDay() {
        DayRange nov3 = range("2026-11-03", "2026-11-03", "Europe/Berlin"); // UTC+1 in November
        assertThat(nov3.storageDays()).isEqualTo(utc("2026-11-02", "2026-11-03"));
        assertThat(nov3.contains(Instant.parse("2026-11-02T23:30:00Z"))).as("00:30 in Berlin on the 3rd").isTrue();
        assertThat(nov3.contains(Instant.parse("2026-11-02T22:59:59Z"))).as("23:59:59 in Berlin on the 2nd").isFalse();
        assertThat(nov3.contains(Instant.parse("2026-11-03T22:59:59Z"))).isTrue();
        assertThat(nov3.contains(Instant.parse("2026-11-03T23:00:00Z"))).as("midnight of the 4th in Berlin").isFalse();
        assertThat(nov3.alignedWithStorage()).isFalse();
        assertThat(nov3.describe()).isEqualTo("2026-11-03 to 2026-11-03 in Europe/Berlin (UTC days 2026-11-02 to 2026-11-03)");
    }

    @Test
    void aWesternDayEndsOnTheNextUtcDayEvenAcrossTheYear() {
        assertThat(range("2025-12-31", "2025-12-31", "America/Los_Angeles").storageDays()).isEqualTo(utc("2025-12-31", "2026-01-01"));
    }

    @Test
    void theDayTheClocksGoBackHas25Hours() {
        DayRange nov1 = range("2026-11-01", "2026-11-01", "America/New_York"); // EDT until 02:00, then EST
        assertThat(nov1.contains(Instant.parse("2026-11-01T04:00:00Z"))).as("00:00 EDT").isTrue();
        assertThat(nov1.contains(Instant.parse("2026-11-02T04:59:59Z"))).as("23:59:59 EST").isTrue();
        assertThat(nov1.contains(Instant.parse("2026-11-02T05:00:00Z"))).isFalse();
        assertThat(nov1.storageDays()).isEqualTo(utc("2026-11-01", "2026-11-02"));
    }

    @Test
    void openEndsStayOpen() {
        DayRange since = range("2026-11-03", null, "Asia/Tokyo");
        assertThat(since.storageDays()).isEqualTo(utc("2026-11-02", null));
        assertThat(since.contains(Instant.parse("2099-01-01T00:00:00Z"))).isTrue();
        assertThat(DayRange.ALL_UTC.storageDays()).isEqualTo(Catalog.Days.ALL);
        assertThat(DayRange.ALL_UTC.describe()).isEqualTo("all days");
    }

    @Test
    void utcDaysAreTheFoldersThemselves() {
        DayRange r = range("2026-01-01", "2026-01-31", "UTC");
        assertThat(r.storageDays()).isEqualTo(utc("2026-01-01", "2026-01-31"));
        assertThat(r.alignedWithStorage()).isTrue();
        assertThat(r.describe()).isEqualTo("2026-01-01 to 2026-01-31 (UTC days)");
        assertThat(range("2026-01-01", null, "Etc/UTC").alignedWithStorage()).isTrue();
        assertThat(range("2026-01-01", null, "Europe/London").alignedWithStorage()).as("GMT in winter, BST in summer").isFalse();
    }
}
