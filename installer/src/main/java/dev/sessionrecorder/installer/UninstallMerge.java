package dev.sessionrecorder.installer;

import static dev.sessionrecorder.installer.ScriptsShape.EXECUTABLES;
import static dev.sessionrecorder.installer.ScriptsShape.FILENAME;
import static dev.sessionrecorder.installer.ScriptsShape.show;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;

/**
 * Takes our hooks out of one event at a time and leaves everything else, waitingTime included (what it
 * was before we raised it is only in the backup).
 *
 * <p>Where our entry held the event's only system slot, it becomes the empty slot AppStream's stock
 * file has ({@code "context": "system", "filename": ""}), so the file keeps the shape AppStream ships and
 * people know how to fill, rather than an executables list AppStream may never have been tested with.
 */
final class UninstallMerge {
    private final List<String> changes = new ArrayList<>();

    List<String> changes() {
        return changes;
    }

    void event(ObjectNode root, String name) {
        JsonNode node = root.get(name);
        if (node == null) {
            return;
        }
        ObjectNode event = ScriptsShape.object(node, name);
        ArrayNode executables = ScriptsShape.executables(event, name);
        if (executables == null) {
            return;
        }
        boolean otherSystem = false;
        boolean anyOurs = false;
        for (JsonNode entry : executables) {
            anyOurs |= ScriptsShape.isOurs(entry);
            otherSystem |= ScriptsShape.isSystem(entry) && !ScriptsShape.isOurs(entry);
        }
        if (!anyOurs) {
            return;
        }
        boolean slotLeft = otherSystem;
        ArrayNode kept = executables.arrayNode();
        for (JsonNode entry : executables) {
            if (!ScriptsShape.isOurs(entry)) {
                kept.add(entry);
            } else if (!slotLeft && ScriptsShape.isSystem(entry)) {
                kept.add(ScriptsShape.emptySystemSlot());
                slotLeft = true;
                changes.add(name + ": removed our executable " + show(entry.get(FILENAME))
                        + ", leaving the system slot empty as in AppStream's stock file");
            } else {
                changes.add(name + ": removed our executable " + show(entry.get(FILENAME)));
            }
        }
        event.set(EXECUTABLES, kept);
    }
}
