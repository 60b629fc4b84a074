package dev.sessionrecorder.hooks.windows;

import java.util.Optional;

/** Registry reads for identity; {@link JnaRegistry} for real, a fake in tests. */
public interface Registry {
    /** A machine-level environment variable (HKLM, not writable by users). */
    Optional<String> machineEnvironment(String name);

    /** A user-level environment variable (HKU\SID\Environment, which that user can edit). */
    Optional<String> userEnvironment(String sid, String name);

    /** The SID of DOMAIN\\user. */
    Optional<String> sid(String domain, String user);
}
