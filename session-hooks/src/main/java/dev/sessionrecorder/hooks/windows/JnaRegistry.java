package dev.sessionrecorder.hooks.windows;

import com.sun.jna.platform.win32.Advapi32;
import com.sun.jna.platform.win32.Advapi32Util;
import com.sun.jna.platform.win32.Win32Exception;
import com.sun.jna.platform.win32.WinNT;
import com.sun.jna.platform.win32.WinReg;
import com.sun.jna.ptr.IntByReference;

/**
 * {@link Registry} through RegOpenKeyEx and RegQueryValueEx themselves, whose status codes map one to
 * one onto {@link RegistryValue}. Not Advapi32Util.registryGetStringValue: it throws a plain
 * RuntimeException for a value that is not a string, which a user could plant in their own hive.
 */
final class JnaRegistry implements Registry {
    private static final String MACHINE_ENV = "SYSTEM\\CurrentControlSet\\Control\\Session Manager\\Environment";

    @Override
    public RegistryValue machineEnvironment(String name) {
        return read(WinReg.HKEY_LOCAL_MACHINE, MACHINE_ENV, name);
    }

    @Override
    public RegistryValue userValue(String sid, String key, String name) {
        return read(WinReg.HKEY_USERS, sid + "\\" + key, name);
    }

    @Override
    public RegistryValue sid(String domain, String user) {
        try {
            return new RegistryValue.Present(Advapi32Util.getAccountByName(domain.isEmpty() ? user : domain + "\\" + user).sidString);
        } catch (Win32Exception e) {
            return new RegistryValue.Unreadable(e.getErrorCode());
        }
    }

    private static RegistryValue read(WinReg.HKEY root, String key, String name) {
        WinReg.HKEYByReference opened = new WinReg.HKEYByReference();
        int status = Advapi32.INSTANCE.RegOpenKeyEx(root, key, 0, WinNT.KEY_QUERY_VALUE, opened);
        if (status != 0) {
            return RegistryValue.keyNotOpened(status);
        }
        try {
            // One call into a fixed buffer: a value larger than that answers ERROR_MORE_DATA (234) instead of
            // making us allocate whatever size the user chose, and no second call can see a changed size.
            byte[] data = new byte[RegistryValue.MAX_BYTES];
            IntByReference type = new IntByReference();
            IntByReference length = new IntByReference(data.length);
            status = Advapi32.INSTANCE.RegQueryValueEx(opened.getValue(), name, 0, type, data, length);
            return RegistryValue.decode(status, type.getValue(), data, length.getValue());
        } finally {
            Advapi32.INSTANCE.RegCloseKey(opened.getValue());
        }
    }
}
