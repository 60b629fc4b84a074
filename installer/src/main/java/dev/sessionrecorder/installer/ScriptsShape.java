package dev.sessionrecorder.installer;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** The parts of config.json we edit, checked for the type AppStream expects before we touch them. */
final class ScriptsShape {
    static final String SESSION_START = "SessionStart";
    static final String SESSION_TERMINATION = "SessionTermination";
    static final String EXECUTABLES = "executables";
    static final String WAITING_TIME = "waitingTime";
    static final String CONTEXT = "context";
    static final String FILENAME = "filename";
    static final String ARGUMENTS = "arguments";
    static final String S3_LOG_ENABLED = "s3LogEnabled";
    static final String SYSTEM = "system";

    private ScriptsShape() {}

    static ObjectNode root(JsonNode node) {
        if (!node.isObject()) {
            throw Refusal.wrongShape("the top level is " + kind(node) + ", not an object");
        }
        return (ObjectNode) node;
    }

    static ObjectNode object(JsonNode node, String where) {
        if (!node.isObject()) {
            throw Refusal.wrongShape(where + " is " + kind(node) + ", not an object");
        }
        return (ObjectNode) node;
    }

    /** The event's executables, each checked to be an object; null when the event has none. */
    static ArrayNode executables(ObjectNode event, String eventName) {
        JsonNode node = event.get(EXECUTABLES);
        if (node == null) {
            return null;
        }
        String where = eventName + "." + EXECUTABLES;
        if (!node.isArray()) {
            throw Refusal.wrongShape(where + " is " + kind(node) + ", not an array");
        }
        for (int i = 0; i < node.size(); i++) {
            object(node.get(i), where + "[" + i + "]");
        }
        return (ArrayNode) node;
    }

    /** The event's waitingTime in seconds; null when it is not set. */
    static java.math.BigDecimal waitingTime(ObjectNode event, String eventName) {
        JsonNode node = event.get(WAITING_TIME);
        if (node == null) {
            return null;
        }
        if (!node.isNumber()) {
            throw Refusal.wrongShape(eventName + "." + WAITING_TIME + " is " + kind(node) + ", not a number of seconds");
        }
        return node.decimalValue();
    }

    static String filename(JsonNode entry) {
        JsonNode f = entry.get(FILENAME);
        return f != null && f.isTextual() ? f.asText() : "";
    }

    static boolean isOurs(JsonNode entry) {
        return HookFiles.isOurs(filename(entry));
    }

    static boolean isSystem(JsonNode entry) {
        JsonNode c = entry.get(CONTEXT);
        return c != null && c.isTextual() && c.asText().strip().equalsIgnoreCase(SYSTEM);
    }

    /** AppStream's stock file marks an unused slot with an empty filename; it is free, not another product's. */
    static boolean isEmptySystemSlot(JsonNode entry) {
        // Only a missing, null or blank filename is free; a number or object there is someone's, however odd.
        JsonNode f = entry.get(FILENAME);
        boolean blank = f == null || f.isNull() || (f.isTextual() && f.asText().isBlank());
        return isSystem(entry) && blank;
    }

    static ObjectNode emptySystemSlot() {
        ObjectNode slot = ScriptsText.newObject();
        slot.put(CONTEXT, SYSTEM);
        slot.put(FILENAME, "");
        slot.put(ARGUMENTS, "");
        slot.put(S3_LOG_ENABLED, true);
        return slot;
    }

    /** A value as a person reads it in a message: strings unescaped in quotes, the rest as JSON. */
    static String show(JsonNode value) {
        if (value == null) {
            return "(missing)";
        }
        return value.isTextual() ? "\"" + value.asText() + "\"" : value.toString();
    }

    private static String kind(JsonNode node) {
        return switch (node.getNodeType()) {
            case ARRAY -> "an array";
            case OBJECT -> "an object";
            case STRING -> "a string";
            case NUMBER -> "a number";
            case BOOLEAN -> "a boolean";
            case NULL -> "null";
            default -> "a " + node.getNodeType().name().toLowerCase(java.util.Locale.ROOT);
        };
    }
}
