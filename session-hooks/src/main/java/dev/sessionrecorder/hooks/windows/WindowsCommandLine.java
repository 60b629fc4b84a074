package dev.sessionrecorder.hooks.windows;

import java.util.List;

/**
 * Joins arguments into one Windows command line that CommandLineToArgvW (and the Java launcher) splits
 * back into the same arguments: quotes where there is a space, tab or quote; backslashes doubled only
 * where they precede a quote.
 */
final class WindowsCommandLine {
    private WindowsCommandLine() {}

    static String join(List<String> args) {
        StringBuilder out = new StringBuilder();
        for (String a : args) {
            if (out.length() > 0) {
                out.append(' ');
            }
            out.append(quote(a));
        }
        return out.toString();
    }

    static String quote(String arg) {
        if (!arg.isEmpty() && arg.chars().noneMatch(c -> c == ' ' || c == '\t' || c == '"')) {
            return arg;
        }
        StringBuilder b = new StringBuilder("\"");
        int backslashes = 0;
        for (char c : arg.toCharArray()) {
            if (c == '\\') {
                backslashes++;
                continue;
            }
            if (c == '"') {
                b.append("\\".repeat(backslashes * 2 + 1)).append('"');
            } else {
                b.append("\\".repeat(backslashes)).append(c);
            }
            backslashes = 0;
        }
        return b.append("\\".repeat(backslashes * 2)).append('"').toString();
    }
}
