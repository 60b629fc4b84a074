package dev.sessionrecorder.core.spool;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;

/**
 * An append-only file of JSON lines, each forced to disk before {@link #append} returns. A crash can
 * leave at most a torn last line, which {@link #read} skips: that line's event never happened.
 */
final class Journal {
    private final Path file;
    private final ObjectMapper mapper;

    Journal(Path file, ObjectMapper mapper) {
        this.file = file;
        this.mapper = mapper;
    }

    /** Cuts a torn last line left by a crash, so the next append starts on a line of its own. */
    void repairTail() throws IOException {
        if (!Files.exists(file)) {
            return;
        }
        byte[] all = Files.readAllBytes(file);
        int end = all.length;
        while (end > 0 && all[end - 1] != '\n') {
            end--;
        }
        if (end != all.length) {
            try (FileChannel ch = FileChannel.open(file, StandardOpenOption.WRITE)) {
                ch.truncate(end);
                ch.force(true);
            }
        }
    }

    void append(ObjectNode line) throws IOException {
        byte[] bytes = (mapper.writeValueAsString(line) + "\n").getBytes(StandardCharsets.UTF_8);
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.APPEND)) {
            ByteBuffer buf = ByteBuffer.wrap(bytes);
            while (buf.hasRemaining()) {
                ch.write(buf);
            }
            ch.force(true);
        }
    }

    List<JsonNode> read() throws IOException {
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            return List.of();
        }
        List<JsonNode> out = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            if (line.isBlank()) {
                continue;
            }
            try {
                out.add(mapper.readTree(line));
            } catch (JsonProcessingException e) {
                if (i < lines.size() - 1) {
                    throw new IOException(file + " line " + (i + 1) + " is corrupt: " + e.getOriginalMessage(), e);
                }
                // torn final line from a crash mid-append: ignore it
            }
        }
        return out;
    }
}
