package dev.sessionrecorder.core.session;

import java.io.IOException;
import java.net.InetAddress;

/** This machine's name, as session.json, session ids and probe keys use it. */
public final class HostName {
    private HostName() {}

    /** COMPUTERNAME on Windows, HOSTNAME elsewhere, else the resolver's name, else "unknown-host". */
    public static String get() {
        String env = System.getenv(System.getProperty("os.name", "").startsWith("Windows") ? "COMPUTERNAME" : "HOSTNAME");
        if (env != null && !env.isBlank()) {
            return env;
        }
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (IOException e) {
            return "unknown-host";
        }
    }

    /** {@link #get()} reduced to letters, digits and hyphens, safe in an id or an S3 key. */
    public static String forKeys() {
        String h = get().replaceAll("[^A-Za-z0-9-]", "");
        return h.isEmpty() ? "host" : h;
    }
}
