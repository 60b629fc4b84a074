package dev.sessionrecorder.core.session;

import dev.sessionrecorder.core.display.DisplayTopology;
import dev.sessionrecorder.core.display.Displays;
import java.util.Optional;

/** On X, the session is the display: it is gone when its server no longer answers. */
final class X11UserPresence implements UserPresence {
    private final String display;

    X11UserPresence(String display) {
        this.display = display;
    }

    @Override
    public Optional<String> absence() {
        if (display == null || display.isBlank()) {
            return Optional.empty(); // nothing to watch: never a reason to stop
        }
        try (DisplayTopology t = Displays.topology(display)) {
            t.current();
            return Optional.empty();
        } catch (Exception e) {
            return Optional.of("X display " + display + " no longer answers (" + e.getMessage() + ")");
        }
    }
}
