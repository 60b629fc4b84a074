package dev.sessionrecorder.installer;

import static dev.sessionrecorder.installer.ScriptsShape.ARGUMENTS;
import static dev.sessionrecorder.installer.ScriptsShape.CONTEXT;
import static dev.sessionrecorder.installer.ScriptsShape.EXECUTABLES;
import static dev.sessionrecorder.installer.ScriptsShape.FILENAME;
import static dev.sessionrecorder.installer.ScriptsShape.S3_LOG_ENABLED;
import static dev.sessionrecorder.installer.ScriptsShape.SYSTEM;
import static dev.sessionrecorder.installer.ScriptsShape.WAITING_TIME;
import static dev.sessionrecorder.installer.ScriptsShape.show;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

/**
 * Puts our hook in the system slot of one event at a time, noting each change and each conflict.
 *
 * <p>Where our entry goes: where ours already is; else into AppStream's empty system slot; else, with
 * {@code --replace}, where the other product's system executable was; else at the end. Any other copy
 * of ours, leftover empty system slot or (with {@code --replace}) other system executable is removed,
 * since AppStream runs at most one system executable per event. User-context entries are never touched.
 */
final class InstallMerge {
    /** AppStream's ceiling, and what our hooks need: session-end drains the last chunk to S3 within it. */
    static final int WAITING_SECONDS = 60;

    private final boolean replace;
    private final List<String> changes = new ArrayList<>();
    private final List<String> conflicts = new ArrayList<>();

    InstallMerge(boolean replace) {
        this.replace = replace;
    }

    List<String> changes() {
        return changes;
    }

    /** One line per event whose system slot belongs to another product; empty when there is none or replace is on. */
    List<String> conflicts() {
        return conflicts;
    }

    void event(ObjectNode root, String name, String ourFile) {
        JsonNode node = root.get(name);
        if (node == null) {
            ObjectNode event = root.putObject(name);
            event.putArray(EXECUTABLES).add(ourEntry(ScriptsText.newObject(), ourFile, new ArrayList<>()));
            event.put(WAITING_TIME, WAITING_SECONDS);
            changes.add(name + ": added the event, with " + ourFile + " as its system executable and waitingTime "
                    + WAITING_SECONDS + " s");
            return;
        }
        ObjectNode event = ScriptsShape.object(node, name);
        ArrayNode executables = ScriptsShape.executables(event, name);
        BigDecimal waiting = ScriptsShape.waitingTime(event, name); // checked before anything is changed
        if (executables == null) {
            executables = event.putArray(EXECUTABLES);
        }
        ArrayNode merged = placeOurs(name, executables, ourFile);
        if (merged != null && !merged.equals(executables)) {
            event.set(EXECUTABLES, merged); // same key, so its place in the object is kept
        }
        waitingTime(name, event, waiting);
    }

    /** The executables with ours in the system slot; null when another product holds it and replace is off. */
    private ArrayNode placeOurs(String name, ArrayNode executables, String ourFile) {
        List<Integer> ours = new ArrayList<>();
        List<Integer> emptySlots = new ArrayList<>();
        List<Integer> theirs = new ArrayList<>();
        for (int i = 0; i < executables.size(); i++) {
            JsonNode entry = executables.get(i);
            if (ScriptsShape.isOurs(entry)) {
                ours.add(i);
            } else if (ScriptsShape.isEmptySystemSlot(entry)) {
                emptySlots.add(i);
            } else if (ScriptsShape.isSystem(entry)) {
                theirs.add(i);
            }
        }
        if (!theirs.isEmpty() && !replace) {
            List<String> names = theirs.stream().map(i -> show(executables.get(i).get(FILENAME))).toList();
            conflicts.add(name + " already runs " + String.join(" and ", names) + " as its system executable");
            return null;
        }
        int target = !ours.isEmpty() ? ours.get(0) : !emptySlots.isEmpty() ? emptySlots.get(0) : !theirs.isEmpty() ? theirs.get(0) : -1;
        ArrayNode merged = executables.arrayNode();
        for (int i = 0; i < executables.size(); i++) {
            ObjectNode entry = (ObjectNode) executables.get(i);
            String file = show(entry.get(FILENAME));
            if (i == target) {
                merged.add(takeSlot(name, entry, ourFile, ours.contains(i), emptySlots.contains(i)));
            } else if (ours.contains(i)) {
                changes.add(name + ": removed a second entry for our hook, " + file);
            } else if (emptySlots.contains(i)) {
                changes.add(name + ": removed an extra empty system slot (ours fills the one AppStream allows)");
            } else if (theirs.contains(i)) {
                changes.add(name + ": removed the system executable " + file + " (--replace)");
            } else {
                merged.add(entry);
            }
        }
        if (target < 0) {
            merged.add(ourEntry(ScriptsText.newObject(), ourFile, new ArrayList<>()));
            changes.add(name + ": added " + ourFile + " as the system executable");
        }
        return merged;
    }

    private ObjectNode takeSlot(String name, ObjectNode entry, String ourFile, boolean ours, boolean emptySlot) {
        if (ours) {
            // A copy of our old entry keeps its key order and any field someone added to it.
            List<String> diff = new ArrayList<>();
            ObjectNode updated = ourEntry(entry.deepCopy(), ourFile, diff);
            if (!diff.isEmpty()) {
                changes.add(name + ": updated our executable (" + String.join(", ", diff) + ")");
            }
            return updated;
        }
        if (emptySlot) {
            changes.add(name + ": put " + ourFile + " in the empty system slot");
            return ourEntry(entry.deepCopy(), ourFile, new ArrayList<>());
        }
        // Another product's entry: start afresh so none of its fields ride along with ours.
        changes.add(name + ": replaced the system executable " + show(entry.get(FILENAME)) + " with " + ourFile + " (--replace)");
        return ourEntry(ScriptsText.newObject(), ourFile, new ArrayList<>());
    }

    private static ObjectNode ourEntry(ObjectNode entry, String ourFile, List<String> diff) {
        set(entry, CONTEXT, TextNode.valueOf(SYSTEM), diff);
        set(entry, FILENAME, TextNode.valueOf(ourFile), diff);
        set(entry, ARGUMENTS, TextNode.valueOf(""), diff);
        set(entry, S3_LOG_ENABLED, BooleanNode.TRUE, diff);
        return entry;
    }

    private static void set(ObjectNode entry, String field, JsonNode want, List<String> diff) {
        JsonNode have = entry.get(field);
        if (!want.equals(have)) {
            diff.add(field + " " + show(have) + " -> " + show(want));
            entry.set(field, want);
        }
    }

    private void waitingTime(String name, ObjectNode event, BigDecimal seconds) {
        if (seconds == null) {
            changes.add(name + ": set waitingTime to " + WAITING_SECONDS + " s (it was not set)");
        } else if (seconds.compareTo(BigDecimal.valueOf(WAITING_SECONDS)) < 0) {
            changes.add(name + ": raised waitingTime from " + seconds.toPlainString() + " to " + WAITING_SECONDS
                    + " s, because our hook may need all of it (" + WAITING_SECONDS + " s is the most AppStream allows)");
        } else if (seconds.compareTo(BigDecimal.valueOf(WAITING_SECONDS)) > 0) {
            changes.add(name + ": lowered waitingTime from " + seconds.toPlainString() + " to " + WAITING_SECONDS
                    + " s, the most AppStream allows");
        } else {
            return;
        }
        event.set(WAITING_TIME, IntNode.valueOf(WAITING_SECONDS));
    }
}
