package dev.sessionrecorder.core.spool;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.time.Instant;

/** The one JSON mapper for everything the recorder writes: ISO-8601 times, stable field order. */
public final class Json {
    private static final ObjectMapper MAPPER = new ObjectMapper()
            .registerModule(new JavaTimeModule())
            .registerModule(new com.fasterxml.jackson.datatype.jdk8.Jdk8Module())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(com.fasterxml.jackson.databind.DeserializationFeature.ADJUST_DATES_TO_CONTEXT_TIME_ZONE);

    private Json() {}

    public static ObjectMapper mapper() {
        return MAPPER;
    }

    /** Reads a chunk record back from a journal or manifest line (extra fields such as "type" are ignored). */
    public static ChunkRecord chunkRecord(JsonNode n) {
        return new ChunkRecord(n.path("sequence").asLong(), n.path("file").asText(),
                Instant.parse(n.path("start").asText()), Instant.parse(n.path("end").asText()),
                n.path("width").asInt(), n.path("height").asInt(), n.path("bytes").asLong(),
                n.path("sha256").asText(), n.path("recovered").asBoolean(), n.path("previous").asText(),
                n.path("hash").asText());
    }
}
