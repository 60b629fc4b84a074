package dev.sessionrecorder.core.display;

import java.util.List;

/**
 * The whole desktop at one moment: the virtual screen (the bounding box of all monitors, which is what
 * we record) and the monitors in it. Two topologies are equal when nothing a recording depends on differs.
 */
public record Topology(Rect virtualScreen, List<Monitor> monitors) {
    public Topology {
        monitors = List.copyOf(monitors);
    }

    /** Whether a recording of {@code other} would need a new chunk: a different size, origin or monitor layout. */
    public boolean differsFrom(Topology other) {
        return other == null || !equals(other);
    }

    @Override
    public String toString() {
        return virtualScreen + " " + monitors.size() + " monitor(s)";
    }
}
