package dev.sessionrecorder.installer;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Optional;

/**
 * config.json text to a tree and back, remembering how the file was written so a rewrite keeps it.
 *
 * <p>Line endings: a file that had CRLF keeps CRLF, one that had only LF keeps LF, and a file we create
 * gets CRLF, because Notepad before Windows 10 1809 (Server 2016 images are still offered) shows an
 * LF-only file as one line. AppStream reads either. A UTF-8 byte order mark (Windows PowerShell 5 writes
 * one) is accepted and kept, and so is the presence or absence of a final newline. The rest is printed
 * the way AppStream's own stock file is laid out: two-space indent, {@code "key": value}.
 */
final class ScriptsText {
    private static final char BOM = '\uFEFF';
    private static final String CRLF = "\r\n";

    // Exact decimals so another product's numbers print back as they were written (30.0 stays 30.0);
    // duplicate keys and trailing text are errors because AppStream's reading of them is anyone's guess.
    private static final ObjectMapper JSON = JsonMapper.builder()
            .nodeFactory(JsonNodeFactory.withExactBigDecimals(true))
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS, DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .build();

    /** How the file was written: byte order mark, line ending, newline after the last brace. */
    record Layout(boolean bom, String eol, boolean finalNewline) {
        static final Layout NEW_FILE = new Layout(false, CRLF, true);
    }

    /** The parsed file: no root when it was absent, empty or only whitespace. */
    record Loaded(Optional<JsonNode> root, Layout layout) {}

    private ScriptsText() {}

    static Loaded load(Optional<String> text) {
        if (text.isEmpty()) {
            return new Loaded(Optional.empty(), Layout.NEW_FILE);
        }
        String body = text.get();
        boolean bom = !body.isEmpty() && body.charAt(0) == BOM;
        if (bom) {
            body = body.substring(1);
        }
        if (body.isBlank()) {
            return new Loaded(Optional.empty(), new Layout(bom, CRLF, true));
        }
        String eol = body.contains(CRLF) || !body.contains("\n") ? CRLF : "\n";
        Layout layout = new Layout(bom, eol, body.endsWith("\n"));
        try {
            return new Loaded(Optional.of(JSON.readTree(body)), layout);
        } catch (JsonProcessingException e) {
            var at = e.getLocation();
            String where = at == null ? "" : " at line " + at.getLineNr() + ", column " + at.getColumnNr();
            throw Refusal.notJson(e.getOriginalMessage() + where);
        }
    }

    static ObjectNode newObject() {
        return JSON.createObjectNode();
    }

    static String print(JsonNode root, Layout layout) {
        DefaultIndenter indenter = new DefaultIndenter("  ", layout.eol());
        DefaultPrettyPrinter printer = new DefaultPrettyPrinter(Separators.createDefaultInstance()
                        .withObjectFieldValueSpacing(Separators.Spacing.AFTER)
                        .withObjectEmptySeparator("")
                        .withArrayEmptySeparator(""))
                .withObjectIndenter(indenter)
                .withArrayIndenter(indenter);
        try {
            String json = JSON.writer(printer).writeValueAsString(root);
            return (layout.bom() ? String.valueOf(BOM) : "") + json + (layout.finalNewline() ? layout.eol() : "");
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a JSON tree could not be printed", e); // a tree always prints
        }
    }
}
