package dev.sessionrecorder.recordings.fetch;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sessionrecorder.core.spool.ChunkRecord;
import dev.sessionrecorder.core.spool.Json;
import dev.sessionrecorder.core.spool.Spool;
import dev.sessionrecorder.recordings.store.FolderSessionFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;

/**
 * Turns a downloaded session's chunks into as few playable files as possible without re-encoding: one
 * file for each run of consecutive chunks that share geometry and codec parameters. A session that never
 * changed resolution becomes one file; one that did becomes one file per resolution run, named
 * {@code <session>-<n>-<width>x<height>.mp4}, because scaling would mean re-encoding (slow, and no
 * longer the recorded pixels). {@code timeline.json} maps each file's time to the wall clock.
 */
final class Joiner {
    private Joiner() {}

    /** @param name a safe file-name stem (see {@link Fetch#safeName}) */
    static List<Fetch.Video> join(FolderSessionFiles folder, List<ChunkRecord> chain, String stem) throws IOException {
        List<List<ChunkRecord>> runs = new ArrayList<>();
        Remuxer.Stream previous = null;
        for (ChunkRecord r : chain) {
            if (!Spool.isChunkFileName(r.file()) || !Files.isRegularFile(folder.chunkPath(r.file()))) {
                continue; // missing: verify reports it; the rest still plays
            }
            Remuxer.Stream s = Remuxer.probe(folder.chunkPath(r.file()));
            if (previous == null || !previous.joinsWith(s)) {
                runs.add(new ArrayList<>());
            }
            runs.get(runs.size() - 1).add(r);
            previous = s;
        }
        List<Fetch.Video> videos = new ArrayList<>();
        ObjectNode timeline = Json.mapper().createObjectNode().put("session", stem);
        ArrayNode files = timeline.putArray("files");
        for (int i = 0; i < runs.size(); i++) {
            List<ChunkRecord> run = runs.get(i);
            ChunkRecord first = run.get(0);
            String name = runs.size() == 1 ? stem + ".mp4"
                    : "%s-%d-%dx%d.mp4".formatted(stem, i + 1, first.width(), first.height());
            Path out = folder.dir().resolve(name);
            Path tmp = folder.dir().resolve(name + FolderSessionFiles.PARTIAL);
            double[] offsets;
            try {
                offsets = Remuxer.join(run.stream().map(r -> folder.chunkPath(r.file())).toList(), tmp,
                        "session " + stem + (runs.size() == 1 ? "" : " part " + (i + 1)));
            } catch (IOException | RuntimeException e) {
                Files.deleteIfExists(tmp);
                throw e;
            }
            Files.move(tmp, out, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            ObjectNode f = files.addObject().put("file", name).put("width", first.width()).put("height", first.height())
                    .put("seconds", offsets[run.size()]);
            ArrayNode chunks = f.putArray("chunks");
            for (int k = 0; k < run.size(); k++) {
                ChunkRecord r = run.get(k);
                chunks.addObject().put("sequence", r.sequence()).put("file", r.file()).put("offsetSeconds", offsets[k])
                        .put("wallClockStart", r.start().toString()).put("wallClockEnd", r.end().toString());
            }
            videos.add(new Fetch.Video(out, first.width(), first.height(), run.stream().map(ChunkRecord::sequence).toList(),
                    offsets[run.size()]));
        }
        Path tl = folder.dir().resolve("timeline.json");
        Files.writeString(tl, Json.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(timeline));
        return videos;
    }
}
