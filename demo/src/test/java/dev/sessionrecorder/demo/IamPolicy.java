package dev.sessionrecorder.demo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An identity policy from docs/iam/, read the way IAM reads it, as far as our policies need: Allow and
 * Deny statements, Action and Resource as a string or a list with {@code *} and {@code ?} wildcards
 * (actions case-insensitive), and StringEquals/StringLike conditions. Placeholders (BUCKET, PREFIX,
 * REGION, ACCOUNT, KEY_ID) are replaced by the test's values first.
 */
final class IamPolicy {
    /**
     * Condition keys the test servers cannot produce (there is no TLS and no KMS here): their conditions
     * are taken as met, so they can only narrow what the policy grants on AWS, never widen what passes here.
     */
    private static final Set<String> NOT_OBSERVABLE = Set.of("kms:viaservice", "aws:securetransport");

    private record Statement(String sid, boolean allow, List<String> actions, List<String> resources, JsonNode condition) {}

    final String name;
    private final List<Statement> statements = new ArrayList<>();

    private IamPolicy(String name) {
        this.name = name;
    }

    static IamPolicy read(Path file, Map<String, String> placeholders) throws IOException {
        String text = Files.readString(file);
        for (Map.Entry<String, String> p : placeholders.entrySet()) {
            text = text.replaceAll("\\b" + Pattern.quote(p.getKey()) + "\\b", Matcher.quoteReplacement(p.getValue()));
        }
        JsonNode doc = new ObjectMapper().readTree(text);
        IamPolicy policy = new IamPolicy(file.getFileName().toString());
        if (!"2012-10-17".equals(doc.path("Version").asText())) {
            throw new IllegalArgumentException(policy.name + ": Version must be 2012-10-17");
        }
        for (JsonNode s : doc.path("Statement")) {
            if (s.has("NotAction") || s.has("NotResource")) {
                throw new IllegalArgumentException(policy.name + ": NotAction/NotResource are not modelled by this test");
            }
            policy.statements.add(new Statement(s.path("Sid").asText(""), "Allow".equals(s.path("Effect").asText()),
                    strings(s.path("Action")), strings(s.path("Resource")), s.path("Condition")));
        }
        return policy;
    }

    private static List<String> strings(JsonNode n) {
        List<String> out = new ArrayList<>();
        if (n.isArray()) {
            n.forEach(v -> out.add(v.asText()));
        } else if (!n.isMissingNode()) {
            out.add(n.asText());
        }
        return out;
    }

    /** The Sid of the statement that allows {@code need}, or null when none does or a Deny matches. */
    String allowingSid(IamActions.Need need) {
        String allowedBy = null;
        for (Statement s : statements) {
            if (matches(s, need)) {
                if (!s.allow()) {
                    return null;
                }
                allowedBy = allowedBy == null ? s.sid() : allowedBy;
            }
        }
        return allowedBy;
    }

    private static boolean matches(Statement s, IamActions.Need need) {
        return s.actions().stream().anyMatch(a -> glob(a.toLowerCase(Locale.ROOT), need.action().toLowerCase(Locale.ROOT)))
                && s.resources().stream().anyMatch(r -> glob(r, need.resource()))
                && conditionsHold(s.condition(), need.context());
    }

    private static boolean conditionsHold(JsonNode condition, Map<String, String> context) {
        for (var op : (Iterable<Map.Entry<String, JsonNode>>) condition::fields) {
            for (var key : (Iterable<Map.Entry<String, JsonNode>>) op.getValue()::fields) {
                String k = key.getKey().toLowerCase(Locale.ROOT);
                if (NOT_OBSERVABLE.contains(k)) {
                    continue;
                }
                String value = context.get(k);
                List<String> wanted = strings(key.getValue());
                boolean ok = switch (op.getKey()) {
                    case "StringEquals" -> value != null && wanted.contains(value);
                    case "StringLike" -> value != null && wanted.stream().anyMatch(w -> glob(w, value));
                    default -> throw new IllegalArgumentException("condition operator " + op.getKey() + " is not modelled by this test");
                };
                if (!ok) {
                    return false;
                }
            }
        }
        return true;
    }

    /** IAM's wildcards: {@code *} any run of characters, {@code ?} one character. */
    static boolean glob(String pattern, String value) {
        StringBuilder re = new StringBuilder();
        for (char c : pattern.toCharArray()) {
            re.append(c == '*' ? ".*" : c == '?' ? "." : Pattern.quote(String.valueOf(c)));
        }
        return value.matches(re.toString());
    }
}
