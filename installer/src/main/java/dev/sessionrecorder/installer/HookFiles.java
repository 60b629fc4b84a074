package dev.sessionrecorder.installer;

import java.util.Locale;

/**
 * The two launchers session-recorder puts in AppStream's session scripts, as full Windows paths.
 *
 * <p>Our entries in {@code config.json} are recognised by their file name alone: an executable whose
 * {@code filename} ends in {@code \bin\session-start.bat} or {@code \bin\session-end.bat} (any case,
 * {@code /} read as {@code \}) is ours, in either event and either context. That is what lets a
 * reinstall under a new root update its old entry instead of refusing it as another product's, and
 * lets uninstall find entries an older version wrote. The constructor insists on those endings so
 * that whatever we write, we recognise again later.
 */
public record HookFiles(String sessionStart, String sessionTermination) {
    static final String START_SUFFIX = "\\bin\\session-start.bat";
    static final String END_SUFFIX = "\\bin\\session-end.bat";

    /** AppStream rejects a longer {@code filename}. */
    static final int MAX_FILENAME = 1000;

    public HookFiles {
        require("sessionStart", sessionStart, START_SUFFIX);
        require("sessionTermination", sessionTermination, END_SUFFIX);
    }

    /** The launchers of an installation at {@code installRoot}, e.g. {@code C:\SessionRecording}. */
    public static HookFiles under(String installRoot) {
        String root = installRoot.strip();
        while (root.endsWith("\\") || root.endsWith("/")) {
            root = root.substring(0, root.length() - 1);
        }
        if (root.isEmpty()) {
            throw new IllegalArgumentException("install root is empty: give the folder session-recorder is installed in, "
                    + "e.g. C:\\SessionRecording");
        }
        return new HookFiles(root + START_SUFFIX, root + END_SUFFIX);
    }

    /** True for a filename one of our launchers could have, whatever root it was installed under. */
    static boolean isOurs(String filename) {
        String f = normalise(filename);
        return f.endsWith(START_SUFFIX) || f.endsWith(END_SUFFIX);
    }

    private static String normalise(String filename) {
        return filename.replace('/', '\\').toLowerCase(Locale.ROOT);
    }

    private static void require(String field, String filename, String suffix) {
        if (filename == null || !normalise(filename).endsWith(suffix)) {
            throw new IllegalArgumentException(field + " launcher \"" + filename + "\" must end in " + suffix
                    + ", the name install and uninstall recognise as session-recorder's; use HookFiles.under(installRoot)");
        }
        if (filename.length() > MAX_FILENAME) {
            throw new IllegalArgumentException(field + " launcher path is " + filename.length() + " characters long; AppStream "
                    + "accepts at most " + MAX_FILENAME + ": install under a shorter folder");
        }
    }
}
