package dev.sessionrecorder.installer;

import java.nio.file.Path;
import java.util.List;

/** A folder's protection as read back: each problem is one sentence naming what is wrong and the fix. */
public record FolderCheck(Path folder, List<String> problems) {
    public FolderCheck {
        problems = List.copyOf(problems);
    }

    public boolean ok() {
        return problems.isEmpty();
    }
}
