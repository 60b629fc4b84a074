package dev.sessionrecorder.hooks.windows;

/**
 * Registry reads for identity, answering what Windows answers ({@link RegistryValue}) and never
 * throwing; {@link JnaRegistry} for real, a fake in tests that keeps typed values and loaded hives.
 */
public interface Registry {
    /** The user's persistent variables; AppStream writes its user-level ones here. */
    String ENVIRONMENT = "Environment";
    /** The logon's variables, written by Winlogon and possibly later than the session turns Active. */
    String VOLATILE_ENVIRONMENT = "Volatile Environment";

    /** A machine-level environment variable (HKLM Session Manager\Environment, not writable by users). */
    RegistryValue machineEnvironment(String name);

    /** HKU\SID\{@code key}\{@code name}: a key that user can edit, so its value is a claim. */
    RegistryValue userValue(String sid, String key, String name);

    /**
     * The SID of DOMAIN\\user (LookupAccountName) as {@link RegistryValue.Present}, or
     * {@link RegistryValue.Unreadable} with the error, e.g. ERROR_NONE_MAPPED (1332).
     */
    RegistryValue sid(String domain, String user);
}
