package dev.sessionrecorder.core.session;

/** The version stamped into session.json and printed by {@code recorder --version}. */
public final class RecorderVersion {
    private RecorderVersion() {}

    public static String get() {
        String v = RecorderVersion.class.getPackage().getImplementationVersion();
        return v == null ? "dev" : v;
    }
}
