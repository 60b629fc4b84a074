package dev.sessionrecorder.installer;

import com.sun.jna.Memory;
import com.sun.jna.Native;
import com.sun.jna.platform.win32.Advapi32;
import com.sun.jna.platform.win32.Kernel32;
import com.sun.jna.platform.win32.WinNT;
import com.sun.jna.platform.win32.WinReg;
import com.sun.jna.ptr.IntByReference;

/** {@link MachineRegistry} through jna-platform: RegOpenKeyEx/RegQueryValueEx (which return their error) and ExpandEnvironmentStrings. */
final class JnaMachineRegistry implements MachineRegistry {

    @Override
    public Value machineEnvironment(String name) {
        WinReg.HKEYByReference key = new WinReg.HKEYByReference();
        int error = Advapi32.INSTANCE.RegOpenKeyEx(WinReg.HKEY_LOCAL_MACHINE, ENVIRONMENT_KEY, 0, WinNT.KEY_QUERY_VALUE, key);
        if (error != 0) {
            return new Value(error, 0, "");
        }
        try {
            IntByReference type = new IntByReference();
            IntByReference size = new IntByReference();
            error = Advapi32.INSTANCE.RegQueryValueEx(key.getValue(), name, 0, type, (com.sun.jna.Pointer) null, size);
            if (error != 0) {
                return new Value(error, 0, "");
            }
            if (type.getValue() != REG_SZ && type.getValue() != REG_EXPAND_SZ) {
                return new Value(0, type.getValue(), "");
            }
            // Room for a terminator the stored value may lack.
            Memory data = new Memory(size.getValue() + 2L * Native.WCHAR_SIZE);
            data.clear();
            size.setValue((int) data.size() - 2 * Native.WCHAR_SIZE);
            error = Advapi32.INSTANCE.RegQueryValueEx(key.getValue(), name, 0, type, data, size);
            return error != 0 ? new Value(error, 0, "") : new Value(0, type.getValue(), data.getWideString(0));
        } finally {
            Advapi32.INSTANCE.RegCloseKey(key.getValue());
        }
    }

    @Override
    public Expanded expand(String text) {
        int chars = Kernel32.INSTANCE.ExpandEnvironmentStrings(text, null, 0);
        if (chars == 0) {
            return new Expanded(Native.getLastError(), "");
        }
        Memory out = new Memory((long) chars * Native.WCHAR_SIZE);
        int written = Kernel32.INSTANCE.ExpandEnvironmentStrings(text, out, chars);
        if (written == 0) {
            return new Expanded(Native.getLastError(), "");
        }
        return new Expanded(0, out.getWideString(0));
    }
}
