package dev.sessionrecorder.hooks.windows;

import com.sun.jna.Native;
import com.sun.jna.platform.win32.Kernel32;
import com.sun.jna.platform.win32.WinBase;
import com.sun.jna.ptr.IntByReference;

/** {@link ComputerName} through jna-platform's GetComputerNameEx (Unicode). */
final class JnaComputerName implements ComputerName {
    @Override
    public String dnsHostName() {
        char[] name = new char[256]; // DNS host labels are at most 63 characters; 256 leaves room for any format
        IntByReference size = new IntByReference(name.length);
        if (!Kernel32.INSTANCE.GetComputerNameEx(WinBase.COMPUTER_NAME_FORMAT.ComputerNameDnsHostname, name, size)) {
            throw new Win32Launch.Win32Exception("GetComputerNameEx(ComputerNameDnsHostname)", Native.getLastError());
        }
        return new String(name, 0, size.getValue());
    }
}
