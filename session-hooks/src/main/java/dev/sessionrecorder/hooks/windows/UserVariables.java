package dev.sessionrecorder.hooks.windows;

import dev.sessionrecorder.core.session.SessionMetadata.IdentityField;
import dev.sessionrecorder.hooks.Claims;
import dev.sessionrecorder.hooks.Identity;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * AppStream's user-level variables for one user: looked up in HKU\SID\Environment, then in
 * HKU\SID\Volatile Environment (where a value may sit, or appear first, at logon). Every answer becomes
 * a field saying which key it came from: a usable claim, or why there is none. Nothing here throws:
 * the user owns these keys and can put anything in them.
 */
final class UserVariables {
    private static final List<String> KEYS = List.of(Registry.ENVIRONMENT, Registry.VOLATILE_ENVIRONMENT);

    /** The answer kept for one variable, and the key it came from. */
    record Found(String key, RegistryValue value) {
        boolean absent() {
            return value instanceof RegistryValue.Absent;
        }
    }

    private final Registry registry;
    private final String sid;

    UserVariables(Registry registry, String sid) {
        this.registry = registry;
        this.sid = sid;
    }

    /**
     * For each name: the first string found, in key order; else the first other answer (wrong type,
     * unreadable), which says more than "absent"; else the absence in Environment.
     */
    Map<String, Found> read(List<String> names) {
        Map<String, Found> out = new LinkedHashMap<>();
        for (String name : names) {
            Found best = null;
            for (String key : KEYS) {
                Found f = new Found(key, registry.userValue(sid, key, name));
                if (f.value() instanceof RegistryValue.Present) {
                    best = f;
                    break;
                }
                if (best == null || best.absent() && !f.absent()) {
                    best = f;
                }
            }
            out.put(name, best);
        }
        return out;
    }

    /** The identity field for what was found for {@code name}; never trusted. */
    IdentityField field(String name, Found found) {
        String where = "HKU\\" + sid + "\\" + found.key();
        if (found.value() instanceof RegistryValue.Present p) {
            return Claims.problem(name, p.value())
                    .map(why -> Identity.unusable("rejected: " + why, where + " (user-editable: a claim); raw value \""
                            + Claims.preview(p.value()) + "\""))
                    .orElseGet(() -> new IdentityField(p.value(), where + " (user-editable: a claim)", false));
        }
        if (found.absent()) {
            return Identity.unusable("absent: " + RegistryValue.problem(found.value()),
                    "HKU\\" + sid + "\\" + String.join(" and ", KEYS) + " (user-editable)");
        }
        return Identity.unusable("unreadable: " + RegistryValue.problem(found.value()), where + "\\" + name + " (user-editable: a claim)");
    }
}
