package dev.sessionrecorder.core.activity;

import dev.sessionrecorder.core.config.RecorderConfig;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Decides what of a window title is stored. Titles carry personal data (mail subjects, file and site
 * names), so they can be switched off or redacted per app or per pattern; whatever is kept is bounded
 * and made safe to print, because a title is text any program, or a web page, chooses.
 */
public final class TitlePolicy {
    /** Longest title stored, in UTF-16 units: a browser tab or mail subject fits, a 10 kB title does not bloat the journal. */
    public static final int MAX_TITLE = 512;
    /**
     * Most a platform source reads of a title: more than is stored, so a redaction pattern sees past
     * {@link #MAX_TITLE}, yet bounded in the native call so a hostile title stays small in memory.
     */
    public static final int READ_LIMIT = 4 * MAX_TITLE;
    public static final String REDACTED = "[redacted]";
    private static final char ELLIPSIS = '\u2026';

    private final boolean titles;
    private final Set<String> apps;
    private final List<Pattern> patterns;

    /**
     * @param titles whether titles are stored at all
     * @param redact entries from {@code activity.redact}: each is compared with the process name (whole name,
     *               any case) and searched as a regular expression in the title; either match redacts
     */
    public TitlePolicy(boolean titles, List<String> redact) {
        this.titles = titles;
        this.apps = redact.stream().map(r -> r.toLowerCase(Locale.ROOT)).collect(Collectors.toUnmodifiableSet());
        this.patterns = redact.stream().map(Pattern::compile).toList();
    }

    /** The policy {@code activity.windowTitles} and {@code activity.redact} ask for. */
    public static TitlePolicy of(RecorderConfig.Activity config) {
        return new TitlePolicy(config.windowTitles(), config.redact());
    }

    /** Stores every title, bounded and escaped. */
    public static TitlePolicy keepAll() {
        return new TitlePolicy(true, List.of());
    }

    /** What to store for the title {@code raw} of a window of {@code app}. */
    public String apply(String app, String raw) {
        if (!titles || raw == null || raw.isEmpty()) {
            return "";
        }
        // Matched against the whole raw title, so a pattern cannot be dodged by text beyond the bound.
        if (apps.contains(app.toLowerCase(Locale.ROOT)) || patterns.stream().anyMatch(p -> p.matcher(raw).find())) {
            return REDACTED;
        }
        return safe(raw);
    }

    /**
     * Bounded to {@link #MAX_TITLE} (an ellipsis marks a cut, never inside a surrogate pair); C0 controls
     * and DEL shown as their Unicode control pictures (U+2400 block), so a newline cannot forge a second
     * line in a printed timeline; other invisible controls (C1, bidi overrides and isolates, line and
     * paragraph separators) and unpaired surrogates, which cannot be encoded as UTF-8, become U+FFFD.
     */
    static String safe(String raw) {
        StringBuilder out = new StringBuilder(Math.min(raw.length(), MAX_TITLE));
        for (int i = 0; i < raw.length(); i++) {
            char c = raw.charAt(i);
            boolean pair = Character.isHighSurrogate(c) && i + 1 < raw.length() && Character.isLowSurrogate(raw.charAt(i + 1));
            int width = pair ? 2 : 1;
            if (out.length() + width > MAX_TITLE - 1 && i + width < raw.length()) {
                out.append(ELLIPSIS);
                return out.toString();
            }
            if (pair) {
                out.append(c).append(raw.charAt(++i));
            } else if (c < 0x20) {
                out.append((char) (0x2400 + c));
            } else if (c == 0x7F) {
                out.append('\u2421');
            } else if (Character.isSurrogate(c) || invisibleControl(c)) {
                out.append('\uFFFD');
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }

    private static boolean invisibleControl(char c) {
        return (c >= 0x80 && c <= 0x9F) || (c >= 0x202A && c <= 0x202E) || (c >= 0x2066 && c <= 0x2069)
                || c == 0x200E || c == 0x200F || c == 0x061C || c == 0x2028 || c == 0x2029;
    }
}
