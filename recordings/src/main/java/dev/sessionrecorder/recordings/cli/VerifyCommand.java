package dev.sessionrecorder.recordings.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sessionrecorder.core.spool.Json;
import dev.sessionrecorder.recordings.store.Session;
import dev.sessionrecorder.recordings.verify.Verifier;
import java.io.PrintWriter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "verify", mixinStandardHelpOptions = true,
        description = {"Proves a session is exactly what the recorder sealed: reads every chunk back, re-hashes it, and "
                + "checks it against the manifest's hash chain. Names each missing, altered, reordered or extra chunk, a "
                + "broken chain, and a session the recorder never finished; lists gaps in time with their recorded reason.",
                "Works on S3 and on a downloaded folder. Exit 0 only when intact."},
        footer = {"", ExitCodes.HELP})
final class VerifyCommand extends BaseCommand {
    @Mixin
    SessionArgument target;


    @Option(names = "--json", description = "The report as one JSON object.")
    boolean json;

    @Override
    int execute() throws Exception {
        try (SessionArgument.Located located = target.locate(true, err())) {
            Session s = Session.load(located.files());
            // On a terminal, a counter redrawn in place; in scripts and logs, one line per chunk would be noise.
            boolean live = !json && System.console() != null;
            err().printf("Reading back and hashing %d chunk(s), %s ...%n", s.chain().size(), Format.bytes(s.bytes()));
            Verifier.Report report = Verifier.verify(s, (c, i, n) -> {
                if (live) {
                    err().printf("\rhashing chunk %d of %d (%s)   ", i, n, c.file());
                    err().flush();
                }
            });
            if (live && !s.chain().isEmpty()) {
                err().println();
            }
            if (json) {
                out().println(Json.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(toJson(report)));
            } else {
                print(report, out());
            }
            return report.intact() ? ExitCodes.OK : ExitCodes.NOT_INTACT;
        }
    }

    static void print(Verifier.Report r, PrintWriter o) {
        if (r.intact()) {
            o.printf("INTACT: session %s at %s: %d chunk(s), %s; every chunk's SHA-256 matches the manifest's hash chain, "
                    + "nothing is missing, reordered or extra, and the manifest is final.%n",
                    r.sessionId(), r.location(), r.chunks(), Format.bytes(r.bytes()));
        } else {
            o.printf("NOT INTACT: session %s at %s: %d problem(s) in %d chunk(s):%n", r.sessionId(), r.location(),
                    r.problems().size(), r.chunks());
            r.problems().forEach(p -> o.printf("  %s%n", p));
        }
        r.gaps().forEach(g -> o.printf("  gap after chunk %d: %s not on video (%s)%n", g.afterChunk(), Format.seconds(g.length()),
                g.explanation()));
    }

    static ObjectNode toJson(Verifier.Report r) {
        ObjectNode o = Json.mapper().createObjectNode();
        o.put("sessionId", r.sessionId());
        o.put("location", r.location());
        o.put("intact", r.intact());
        o.put("chunks", r.chunks());
        o.put("bytes", r.bytes());
        ArrayNode problems = o.putArray("problems");
        r.problems().forEach(p -> problems.addObject().put("kind", p.kind().name()).put("chunk", p.chunk()).put("message", p.message()));
        ArrayNode gaps = o.putArray("gaps");
        r.gaps().forEach(g -> gaps.addObject().put("afterChunk", g.afterChunk()).put("seconds", g.length().toMillis() / 1000.0)
                .put("explanation", g.explanation()));
        return o;
    }
}
