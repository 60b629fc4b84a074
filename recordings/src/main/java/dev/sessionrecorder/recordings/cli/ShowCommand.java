package dev.sessionrecorder.recordings.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sessionrecorder.core.session.SessionMetadata;
import dev.sessionrecorder.core.spool.ChunkRecord;
import dev.sessionrecorder.core.spool.Json;
import dev.sessionrecorder.recordings.store.Session;
import dev.sessionrecorder.recordings.verify.Verifier;
import java.io.PrintWriter;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "show", mixinStandardHelpOptions = true,
        description = {"Shows one session: who and where (each value with its source and whether it can be trusted), "
                + "the recording settings, every chunk with its geometry and times, resolution changes, gaps and recovered "
                + "chunks. Reads only session.json and manifest.json; `recordings verify` checks the chunks' bytes."},
        footer = {"", ExitCodes.HELP})
final class ShowCommand extends BaseCommand {
    @Mixin
    SessionArgument target;

    @Mixin
    ZoneOption zoneOption;

    @Option(names = "--json", description = "The session as one JSON object (session.json, chunks, gaps, resolution changes).")
    boolean json;

    /** A change of geometry between two consecutive chunks: the capture was reopened at a new size. */
    record Resize(long atChunk, int fromWidth, int fromHeight, int toWidth, int toHeight, java.time.Instant at) {}

    @Override
    int execute() throws Exception {
        Times times = zoneOption.times();
        try (SessionArgument.Located located = target.locate(true, err(), times.zone())) {
            Session s = Session.load(located.files());
            List<Verifier.Gap> gaps = Verifier.gaps(s);
            List<Resize> resizes = resizes(s.chain());
            if (json) {
                printJson(s, gaps, resizes, times);
            } else {
                printText(s, gaps, resizes, times);
            }
            return ExitCodes.OK;
        }
    }

    static List<Resize> resizes(List<ChunkRecord> chain) {
        List<Resize> out = new ArrayList<>();
        for (int i = 1; i < chain.size(); i++) {
            ChunkRecord a = chain.get(i - 1);
            ChunkRecord b = chain.get(i);
            if (a.width() != b.width() || a.height() != b.height()) {
                out.add(new Resize(b.sequence(), a.width(), a.height(), b.width(), b.height(), b.start()));
            }
        }
        return out;
    }

    private void printText(Session s, List<Verifier.Gap> gaps, List<Resize> resizes, Times times) {
        PrintWriter o = out();
        o.printf("Session    %s%n", s.id());
        o.printf("Stored at  %s%n", s.files().location());
        s.unreadable().forEach(u -> o.printf("PROBLEM    %s%n", u));
        s.metadata().ifPresent(m -> {
            o.printf("User       %s  (source: %s; check: %s)%n", m.user().value(), m.user().source(), s.userCheck());
            o.printf("Host       %s%n", m.host());
            o.printf("Stack      %s    Fleet %s%n", m.stack().orElse("-"), m.fleet().orElse("-"));
            o.printf("Started    %s    Ended %s    (times in %s)%n", times.at(m.startedAt()),
                    m.endedAt().map(times::at).orElse("(not recorded)"), times.zoneAt(m.startedAt()));
            o.printf("Recorder   %s%n", m.recorderVersion());
            if (m.settings() != null) {
                SessionMetadata.Settings st = m.settings();
                o.printf("Settings   %s, %d fps, %d s chunks, %s %s%n", st.capture(), st.fps(), st.chunkSeconds(), st.encoder(),
                        st.encoderOptions());
            }
            if (!m.identity().isEmpty()) {
                o.println("Identity   (trusted = from the OS or AWS; claim = the recorded user could have edited it)");
                new java.util.TreeMap<>(m.identity()).forEach((k, v) -> o.printf("  %-28s %s  [%s, %s]%n", k, v.value(), v.source(),
                        v.trusted() ? "trusted" : "claim"));
            }
        });
        o.printf("Manifest   %s; %d chunk(s), %s, %s on video, %s wall clock%n",
                s.sealed() ? "final (sealed by the recorder)" : "NOT final (still recording, or never finished)",
                s.chain().size(), Format.bytes(s.bytes()), Format.duration(s.recorded()),
                s.span().map(Format::duration).orElse("?"));
        Table t = new Table("SEQ", "FILE", times.column("START"), "LENGTH", "GEOMETRY", "SIZE", "NOTE");
        for (ChunkRecord c : s.chain()) {
            t.add(Long.toString(c.sequence()), c.file(), times.at(c.start()), Format.seconds(Duration.between(c.start(), c.end())),
                    c.width() + "x" + c.height(), Format.bytes(c.bytes()), c.recovered() ? "recovered after a crash" : "");
        }
        o.println();
        t.print(o);
        o.println();
        if (resizes.isEmpty()) {
            o.println("Resolution changes: none");
        } else {
            o.println("Resolution changes:");
            resizes.forEach(r -> o.printf("  before chunk %d (%s): %dx%d -> %dx%d%n", r.atChunk(), times.at(r.at()),
                    r.fromWidth(), r.fromHeight(), r.toWidth(), r.toHeight()));
        }
        if (gaps.isEmpty()) {
            o.printf("Gaps: none longer than %d s%n", Verifier.GAP_TOLERANCE.toSeconds());
        } else {
            o.println("Gaps (time not on video):");
            gaps.forEach(g -> o.printf("  after chunk %d: %s, %s to %s: %s%n", g.afterChunk(), Format.seconds(g.length()),
                    times.at(g.from()), times.at(g.to()), g.explanation()));
        }
        long recovered = s.chain().stream().filter(ChunkRecord::recovered).count();
        o.printf("Recovered chunks: %s%n", recovered == 0 ? "none"
                : recovered + " (" + String.join(", ", s.chain().stream().filter(ChunkRecord::recovered)
                        .map(c -> Long.toString(c.sequence())).toList()) + "), closed by crash recovery: they play up to the last second before the crash");
        List<JsonNode> notable = s.events().stream()
                .filter(e -> !e.path("event").asText().equals("topology") || e.hasNonNull("from")).toList();
        if (!notable.isEmpty()) {
            o.println("Events:");
            notable.forEach(e -> o.printf("  %s  %s%s%n", eventTime(e, times), e.path("event").asText(), details(e)));
        }
    }

    /** The event's time in the zone; the manifest's own text when it is not an instant (an edited manifest). */
    private static String eventTime(JsonNode e, Times times) {
        try {
            return times.at(Instant.parse(e.path("at").asText()));
        } catch (DateTimeParseException notAnInstant) {
            return e.path("at").asText();
        }
    }

    private static String details(JsonNode e) {
        if (e.path("event").asText().equals("topology")) {
            return "  screen layout " + layout(e.path("from")) + " -> " + layout(e.path("to"));
        }
        ObjectNode copy = ((ObjectNode) e).deepCopy();
        copy.remove(List.of("at", "event"));
        return copy.isEmpty() ? "" : "  " + copy;
    }

    private static String layout(JsonNode topology) {
        JsonNode v = topology.path("virtualScreen");
        return v.path("width").asInt() + "x" + v.path("height").asInt() + " (" + topology.path("monitors").size() + " monitor(s))";
    }

    private void printJson(Session s, List<Verifier.Gap> gaps, List<Resize> resizes, Times times) throws Exception {
        ObjectNode root = Json.mapper().createObjectNode();
        root.put("location", s.files().location());
        root.put("sessionId", s.id());
        times.putZone(root);
        s.metadata().ifPresent(m -> {
            ObjectNode session = Json.mapper().valueToTree(m);
            root.set("session", session);
            times.addLocal(session, "startedAt", "endedAt");
        });
        root.put("userCheck", s.userCheck().label());
        root.put("sealed", s.sealed());
        root.put("recordedSeconds", s.recorded().toMillis() / 1000.0);
        root.put("bytes", s.bytes());
        ArrayNode chunks = root.putArray("chunks");
        s.chain().forEach(c -> chunks.add(Json.mapper().valueToTree(c)));
        chunks.forEach(c -> times.addLocal(c, "start", "end"));
        ArrayNode changes = Json.mapper().valueToTree(resizes);
        changes.forEach(c -> times.addLocal(c, "at"));
        root.set("resolutionChanges", changes);
        ArrayNode g = root.putArray("gaps");
        gaps.forEach(x -> times.addLocal(g.addObject().put("afterChunk", x.afterChunk()).put("from", x.from().toString())
                .put("to", x.to().toString()).put("seconds", x.length().toMillis() / 1000.0).put("explanation", x.explanation()),
                "from", "to"));
        ArrayNode events = Json.mapper().valueToTree(s.events());
        events.forEach(e -> times.addLocal(e, "at"));
        root.set("events", events);
        s.manifest().ifPresent(m -> root.set("counters", m.path("counters")));
        ArrayNode unreadable = root.putArray("problems");
        s.unreadable().forEach(unreadable::add);
        out().println(Json.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(root));
    }

}
