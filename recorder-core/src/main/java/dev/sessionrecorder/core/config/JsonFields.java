package dev.sessionrecorder.core.config;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Iterator;
import java.util.Set;

/**
 * Typed, strict reads from one JSON object. Each read names the full field path in its error, and
 * {@link #rejectUnknown} refuses fields we do not know: a misspelt key silently falling back to a
 * default is how a fleet ends up recording at the wrong quality for months.
 */
final class JsonFields {
    private final String source;
    private final String path;
    private final JsonNode node;

    JsonFields(String source, String path, JsonNode node) {
        this.source = source;
        this.path = path;
        this.node = node;
    }

    String field(String name) {
        return path.isEmpty() ? name : path + "." + name;
    }

    ConfigException error(String name, String problem, String fix) {
        String f = field(name);
        return new ConfigException(f, source + ": \"" + f + "\" " + problem + ". Fix: " + fix + ".");
    }

    void rejectUnknown(Set<String> known) throws ConfigException {
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
            String name = it.next();
            if (!known.contains(name)) {
                String hint = closest(name, known);
                throw error(name, "is not a known field",
                        (hint == null ? "remove it" : "did you mean \"" + field(hint) + "\"? Rename or remove it")
                                + " (known here: " + String.join(", ", known.stream().sorted().toList()) + ")");
            }
        }
    }

    boolean has(String name) {
        JsonNode v = node.get(name);
        return v != null && !v.isNull();
    }

    JsonFields object(String name) throws ConfigException {
        JsonNode v = node.get(name);
        if (v == null || v.isNull()) {
            return new JsonFields(source, field(name), com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.objectNode());
        }
        if (!v.isObject()) {
            throw error(name, "is " + describe(v), "make it a JSON object: \"" + name + "\": { ... }");
        }
        return new JsonFields(source, field(name), v);
    }

    String string(String name, String fallback) throws ConfigException {
        JsonNode v = node.get(name);
        if (v == null || v.isNull()) {
            return fallback;
        }
        if (!v.isTextual()) {
            throw error(name, "is " + describe(v), "write it as a string in double quotes");
        }
        return v.textValue();
    }

    String requiredString(String name, String fix) throws ConfigException {
        String s = string(name, null);
        if (s == null || s.isBlank()) {
            throw error(name, s == null ? "is missing" : "is empty", fix);
        }
        return s.strip();
    }

    boolean bool(String name, boolean fallback) throws ConfigException {
        JsonNode v = node.get(name);
        if (v == null || v.isNull()) {
            return fallback;
        }
        if (!v.isBoolean()) {
            throw error(name, "is " + describe(v), "write true or false without quotes");
        }
        return v.booleanValue();
    }

    long integer(String name, long fallback, long min, long max, String unit) throws ConfigException {
        JsonNode v = node.get(name);
        if (v == null || v.isNull()) {
            return fallback;
        }
        if (!v.isIntegralNumber() || !v.canConvertToLong()) {
            throw error(name, "is " + describe(v), "write a whole number of " + unit + " without quotes, e.g. " + fallback);
        }
        long n = v.longValue();
        if (n < min || n > max) {
            throw error(name, "is " + n + ", outside " + min + ".." + max + " " + unit,
                    "use a value from " + min + " to " + max + " (default " + fallback + ")");
        }
        return n;
    }

    /** A list of strings; empty when absent. Errors name the element, e.g. {@code activity.redact[2]}. */
    java.util.List<String> strings(String name) throws ConfigException {
        JsonNode v = node.get(name);
        if (v == null || v.isNull()) {
            return java.util.List.of();
        }
        if (!v.isArray()) {
            throw error(name, "is " + describe(v), "make it a list of strings: \"" + name + "\": [\"...\"]");
        }
        java.util.List<String> out = new java.util.ArrayList<>(v.size());
        for (int i = 0; i < v.size(); i++) {
            if (!v.get(i).isTextual()) {
                throw error(name + "[" + i + "]", "is " + describe(v.get(i)), "write each entry as a string in double quotes");
            }
            out.add(v.get(i).textValue());
        }
        return out;
    }

    Integer optionalInteger(String name, int min, int max, String unit) throws ConfigException {
        return has(name) ? (int) integer(name, min, min, max, unit) : null;
    }

    static String describe(JsonNode v) {
        if (v.isTextual()) {
            return "\"" + v.textValue() + "\" (a string)";
        }
        if (v.isBoolean()) {
            return v.booleanValue() + " (a boolean)";
        }
        if (v.isNumber()) {
            return v.asText() + " (a " + (v.isIntegralNumber() ? "whole number" : "decimal number") + ")";
        }
        if (v.isArray()) {
            return "a list";
        }
        if (v.isObject()) {
            return "an object";
        }
        return v.toString();
    }

    /** The known name within edit distance 2, for "did you mean". */
    static String closest(String name, Set<String> known) {
        String best = null;
        int bestDistance = 3;
        for (String k : known) {
            int d = distance(name.toLowerCase(), k.toLowerCase());
            if (d < bestDistance) {
                bestDistance = d;
                best = k;
            }
        }
        return best;
    }

    private static int distance(String a, String b) {
        int[] prev = new int[b.length() + 1];
        int[] cur = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            prev[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            cur[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
            }
            int[] t = prev;
            prev = cur;
            cur = t;
        }
        return prev[b.length()];
    }
}
