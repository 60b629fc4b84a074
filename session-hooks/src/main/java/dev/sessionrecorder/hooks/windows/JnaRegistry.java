package dev.sessionrecorder.hooks.windows;

import com.sun.jna.platform.win32.Advapi32Util;
import com.sun.jna.platform.win32.Win32Exception;
import com.sun.jna.platform.win32.WinReg;
import java.util.Optional;

/** {@link Registry} through jna-platform's Advapi32Util. */
final class JnaRegistry implements Registry {
    private static final String MACHINE_ENV = "SYSTEM\\CurrentControlSet\\Control\\Session Manager\\Environment";

    @Override
    public Optional<String> machineEnvironment(String name) {
        return read(WinReg.HKEY_LOCAL_MACHINE, MACHINE_ENV, name);
    }

    @Override
    public Optional<String> userEnvironment(String sid, String name) {
        return read(WinReg.HKEY_USERS, sid + "\\Environment", name);
    }

    @Override
    public Optional<String> sid(String domain, String user) {
        try {
            return Optional.of(Advapi32Util.getAccountByName(domain.isEmpty() ? user : domain + "\\" + user).sidString);
        } catch (Win32Exception e) {
            return Optional.empty();
        }
    }

    private static Optional<String> read(WinReg.HKEY root, String key, String name) {
        try {
            return Advapi32Util.registryValueExists(root, key, name)
                    ? Optional.of(Advapi32Util.registryGetStringValue(root, key, name)) : Optional.empty();
        } catch (Win32Exception e) {
            return Optional.empty(); // the hive is not loaded (user logged off) or not readable
        }
    }
}
