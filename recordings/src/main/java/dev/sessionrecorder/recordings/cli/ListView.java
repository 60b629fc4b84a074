package dev.sessionrecorder.recordings.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sessionrecorder.core.session.SessionMetadata;
import dev.sessionrecorder.core.spool.Json;
import dev.sessionrecorder.recordings.store.Session;
import dev.sessionrecorder.recordings.store.UserQuery;
import dev.sessionrecorder.recordings.verify.Verifier;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/** How {@code recordings list} prints its rows: the table an auditor reads, or the JSON a script reads. */
final class ListView {
    /** @param matchedBy which recorded name --user matched; empty without --user */
    record Row(String keyBase, Session session, Verifier.Report check, Optional<UserQuery.MatchedBy> matchedBy) {}

    private final Times times;

    ListView(Times times) {
        this.times = times;
    }

    /** The table; {@code matchedColumn}: whether --user was given, so MATCHED says which name it found. */
    void table(PrintWriter out, List<Row> rows, boolean matchedColumn) {
        List<String> header = new ArrayList<>(List.of(times.column("START"), "DURATION", "USER", "CHECK", "STACK", "FLEET", "SESSION",
                "CHUNKS", "SIZE", "INTEGRITY"));
        if (matchedColumn) {
            header.add(3, "MATCHED");
        }
        Table t = new Table(header.toArray(String[]::new));
        for (Row r : rows) {
            Session s = r.session();
            Optional<SessionMetadata> m = s.metadata();
            List<String> cells = new ArrayList<>(List.of(s.start().map(times::at).orElse("?"),
                    s.span().map(Format::duration).orElse("?"), who(s), s.userCheck().label(),
                    m.flatMap(SessionMetadata::stack).orElse("-"), m.flatMap(SessionMetadata::fleet).orElse("-"),
                    s.id(), Integer.toString(s.chain().size()), Format.bytes(s.bytes()), integrity(r.check(), s)));
            if (matchedColumn) {
                cells.add(3, r.matchedBy().map(Object::toString).orElse("?"));
            }
            t.add(cells.toArray(String[]::new));
        }
        t.print(out);
    }

    /** A claim found a session: say, below the table, what a claim is worth. */
    void claimNote(PrintWriter out, List<Row> rows) {
        long byClaim = rows.stream().filter(r -> r.matchedBy().equals(Optional.of(UserQuery.MatchedBy.CLAIMED_APPSTREAM_USER)))
                .count();
        if (byClaim > 0) {
            out.printf("%d of them matched only the claimed AppStream user: a name from the user's own environment, "
                    + "which the user could edit.%nCHECK says whether anything confirmed it (verified: AppStream did).%n", byClaim);
        }
    }

    /**
     * The Windows session user, and the claimed AppStream user when it names someone else: on a PhotonUser
     * fleet the claim is the only name there is. Always written as a claim, never as the user.
     */
    static String who(Session s) {
        String windows = s.metadata().map(m -> m.user().value()).orElse("?");
        return s.claimedUser().map(SessionMetadata.IdentityField::value).filter(c -> !UserQuery.sameUser(windows, c))
                .map(c -> windows + " (claimed: " + c + ")").orElse(windows);
    }

    static String integrity(Verifier.Report check, Session s) {
        if (check.intact()) {
            return "sealed";
        }
        if (check.problems().stream().allMatch(p -> p.kind() == Verifier.Kind.INCOMPLETE)) {
            return "open";
        }
        Map<Verifier.Kind, Long> counts = new TreeMap<>();
        check.problems().stream().filter(p -> p.kind() != Verifier.Kind.INCOMPLETE)
                .forEach(p -> counts.merge(p.kind(), 1L, Long::sum));
        StringBuilder b = new StringBuilder("DAMAGED:");
        counts.forEach((k, n) -> b.append(' ').append(n).append(' ').append(k.name().toLowerCase()));
        return b.toString();
    }

    /**
     * One JSON array. Instants are UTC ("start", "end"); with --tz, "timeZone" and "startLocal"/"endLocal"
     * beside them. "claimedUser" is there only when session-start read a usable name; "matchedBy" only with --user.
     */
    String json(List<Row> rows) throws JsonProcessingException {
        ArrayNode a = Json.mapper().createArrayNode();
        for (Row r : rows) {
            Session s = r.session();
            ObjectNode o = a.addObject();
            o.put("sessionId", s.id());
            o.put("key", r.keyBase());
            s.start().ifPresent(v -> o.put("start", v.toString()));
            s.end().ifPresent(v -> o.put("end", v.toString()));
            times.putZone(o);
            times.addLocal(o, "start", "end");
            s.span().ifPresent(v -> o.put("durationSeconds", v.toMillis() / 1000.0));
            o.put("recordedSeconds", s.recorded().toMillis() / 1000.0);
            s.metadata().ifPresent(m -> {
                o.put("user", m.user().value());
                o.put("userSource", m.user().source());
                s.claimedUser().ifPresent(c -> o.put("claimedUser", c.value()).put("claimedUserSource", c.source()));
                m.stack().ifPresent(v -> o.put("stack", v));
                m.fleet().ifPresent(v -> o.put("fleet", v));
                o.put("host", m.host());
            });
            o.put("userCheck", s.userCheck().label());
            r.matchedBy().ifPresent(by -> o.put("matchedBy", by.toString()));
            o.put("chunks", s.chain().size());
            o.put("bytes", s.bytes());
            o.put("sealed", s.sealed());
            o.put("integrity", integrity(r.check(), s));
            ArrayNode problems = o.putArray("problems");
            r.check().problems().forEach(p -> problems.add(p.toString()));
        }
        return Json.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(a);
    }
}
