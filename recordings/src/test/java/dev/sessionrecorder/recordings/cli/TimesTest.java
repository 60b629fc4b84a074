package dev.sessionrecorder.recordings.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sessionrecorder.core.config.ConfigException;
import dev.sessionrecorder.core.spool.Json;
import java.time.Instant;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;

/** --tz: which names are zones, and how times print in one. */
class TimesTest {
    private static final Instant LATE_ON_THE_2ND = Instant.parse("2026-11-02T23:30:00Z");

    @Test
    void zonesAreIanaNamesOrLocal() throws Exception {
        assertThat(ZoneOption.zone("Europe/Berlin")).isEqualTo(ZoneId.of("Europe/Berlin"));
        assertThat(ZoneOption.zone("europe/berlin")).isEqualTo(ZoneId.of("Europe/Berlin"));
        assertThat(ZoneOption.zone("local")).isEqualTo(ZoneId.systemDefault());
        assertThat(ZoneOption.zone("UTC")).isEqualTo(ZoneId.of("UTC"));
    }

    @Test
    void aBadZoneNamesTheFlagTheValueAndTheFix() {
        for (String bad : new String[] {"Mars/Olympus", "CEST", ""}) {
            assertThatThrownBy(() -> ZoneOption.zone(bad)).isInstanceOf(ConfigException.class)
                    .hasMessageContaining("--tz \"" + bad + "\"").hasMessageContaining("Fix: use an IANA name such as Europe/Berlin")
                    .hasMessageContaining("local");
        }
    }

    @Test
    void timesPrintInTheZoneAndSayWhichItIs() {
        Times berlin = new Times(ZoneId.of("Europe/Berlin"), true);
        assertThat(berlin.at(LATE_ON_THE_2ND)).isEqualTo("2026-11-03 00:30:00");
        assertThat(berlin.column("START")).isEqualTo("START (Europe/Berlin)");
        assertThat(berlin.zoneAt(LATE_ON_THE_2ND)).isEqualTo("Europe/Berlin, UTC+01:00");
        assertThat(Times.DEFAULT.at(LATE_ON_THE_2ND)).isEqualTo("2026-11-02 23:30:00");
        assertThat(Times.DEFAULT.column("START")).isEqualTo("START (UTC)");
        assertThat(Times.DEFAULT.zoneAt(LATE_ON_THE_2ND)).isEqualTo("UTC");
    }

    @Test
    void jsonKeepsUtcAndAddsTheLocalTimeOnlyWhenAsked() {
        ObjectNode o = Json.mapper().createObjectNode().put("start", LATE_ON_THE_2ND.toString()).put("end", "not a time");
        Times.DEFAULT.putZone(o);
        Times.DEFAULT.addLocal(o, "start", "end");
        assertThat(o.size()).as("no --tz: what scripts saw before").isEqualTo(2);

        Times berlin = new Times(ZoneId.of("Europe/Berlin"), true);
        berlin.putZone(o);
        berlin.addLocal(o, "start", "end", "missing");
        assertThat(o.path("start").asText()).isEqualTo("2026-11-02T23:30:00Z");
        assertThat(o.path("startLocal").asText()).isEqualTo("2026-11-03T00:30:00+01:00");
        assertThat(o.path("timeZone").asText()).isEqualTo("Europe/Berlin");
        assertThat(o.has("endLocal")).isFalse();
        assertThat(o.has("missingLocal")).isFalse();
    }
}
