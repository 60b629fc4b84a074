package dev.sessionrecorder.hooks.windows;

import com.sun.jna.Native;
import com.sun.jna.Pointer;
import com.sun.jna.Structure;
import com.sun.jna.platform.win32.BaseTSD;
import com.sun.jna.platform.win32.WinBase;
import com.sun.jna.platform.win32.WinDef;
import com.sun.jna.platform.win32.WinNT;
import com.sun.jna.ptr.IntByReference;
import com.sun.jna.ptr.PointerByReference;
import com.sun.jna.win32.StdCallLibrary;
import com.sun.jna.win32.W32APIOptions;
import com.sun.jna.win32.W32APITypeMapper;
import java.util.Map;

/**
 * What jna-platform 5.17 lacks for {@link JnaWin32Launch}: SetTokenInformation, the userenv functions,
 * the process-thread attribute list, STARTUPINFOEX, and a CreateProcessAsUser whose environment is a
 * pointer (jna types it String, which cannot carry a Unicode environment block) and whose startup info
 * is STARTUPINFOEX. Declared from Microsoft's signatures; sizes are checked for x64 by Win32LayoutTest.
 *
 * <p>Strings must be wide: {@link #OPTIONS} binds the W functions, and the structures use
 * W32APITypeMapper.DEFAULT (UNICODE unless -Dw32.ascii=true, which the hooks never set). An ASCII lpDesktop
 * handed to CreateProcessAsUserW reads as garbage and the recorder starts on no desktop it can capture.
 */
final class Win32Api {
    private Win32Api() {}

    /** The W functions with String as a wide string; Win32LayoutTest fails if this changes. */
    static final Map<String, Object> OPTIONS = W32APIOptions.DEFAULT_OPTIONS;

    interface Advapi32Ext extends StdCallLibrary {
        Advapi32Ext INSTANCE = Native.load("advapi32", Advapi32Ext.class, OPTIONS);

        boolean SetTokenInformation(WinNT.HANDLE token, int infoClass, IntByReference info, int length);

        boolean CreateProcessAsUser(WinNT.HANDLE token, String applicationName, String commandLine,
                WinBase.SECURITY_ATTRIBUTES processAttributes, WinBase.SECURITY_ATTRIBUTES threadAttributes,
                boolean inheritHandles, int creationFlags, Pointer environment, String currentDirectory,
                StartupInfoEx startupInfo, WinBase.PROCESS_INFORMATION processInformation);

        /** The same function without EXTENDED_STARTUPINFO_PRESENT, when the child inherits nothing. */
        boolean CreateProcessAsUser(WinNT.HANDLE token, String applicationName, String commandLine,
                WinBase.SECURITY_ATTRIBUTES processAttributes, WinBase.SECURITY_ATTRIBUTES threadAttributes,
                boolean inheritHandles, int creationFlags, Pointer environment, String currentDirectory,
                WinBase.STARTUPINFO startupInfo, WinBase.PROCESS_INFORMATION processInformation);
    }

    interface Userenv extends StdCallLibrary {
        Userenv INSTANCE = Native.load("userenv", Userenv.class, OPTIONS);

        boolean CreateEnvironmentBlock(PointerByReference environment, WinNT.HANDLE token, boolean inherit);

        boolean DestroyEnvironmentBlock(Pointer environment);
    }

    interface Kernel32Ext extends StdCallLibrary {
        Kernel32Ext INSTANCE = Native.load("kernel32", Kernel32Ext.class, OPTIONS);

        /** lpSize is a PSIZE_T: in with the buffer size, out with the size needed. */
        boolean InitializeProcThreadAttributeList(Pointer attributeList, int attributeCount, int flags, BaseTSD.ULONG_PTRByReference size);

        boolean UpdateProcThreadAttribute(Pointer attributeList, int flags, BaseTSD.ULONG_PTR attribute, Pointer value,
                BaseTSD.SIZE_T size, Pointer previousValue, Pointer returnSize);

        void DeleteProcThreadAttributeList(Pointer attributeList);
    }

    /** ProcThreadAttributeValue(ProcThreadAttributeHandleList = 2, FALSE, TRUE, FALSE): 0x20002. */
    static final long PROC_THREAD_ATTRIBUTE_HANDLE_LIST = 0x00020002L;

    /**
     * STARTUPINFOEXW: STARTUPINFOW (104 bytes on x64) then the attribute list pointer, 112 bytes in all.
     * cb must be this size, or CreateProcess ignores the attribute list.
     */
    @Structure.FieldOrder({"StartupInfo", "lpAttributeList"})
    public static final class StartupInfoEx extends Structure {
        public WinBase.STARTUPINFO StartupInfo = new WinBase.STARTUPINFO();
        public Pointer lpAttributeList;

        public StartupInfoEx() {
            super(W32APITypeMapper.DEFAULT);
            StartupInfo.cb = new WinDef.DWORD(size());
        }

        int offsetOf(String field) {
            return fieldOffset(field);
        }
    }
}
