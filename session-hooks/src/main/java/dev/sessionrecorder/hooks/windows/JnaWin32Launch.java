package dev.sessionrecorder.hooks.windows;

import com.sun.jna.Native;
import com.sun.jna.Pointer;
import com.sun.jna.platform.win32.Advapi32;
import com.sun.jna.platform.win32.Kernel32;
import com.sun.jna.platform.win32.WinBase;
import com.sun.jna.platform.win32.WinNT;
import com.sun.jna.ptr.IntByReference;
import com.sun.jna.ptr.PointerByReference;
import com.sun.jna.win32.StdCallLibrary;
import com.sun.jna.win32.W32APIOptions;

/**
 * {@link Win32Launch} through JNA. jna-platform maps OpenProcessToken and DuplicateTokenEx; it lacks
 * SetTokenInformation and the userenv functions, and types CreateProcessAsUser's environment as a
 * String, which cannot carry a Unicode environment block, so those are declared here.
 */
final class JnaWin32Launch implements Win32Launch {
    interface Advapi32Ext extends StdCallLibrary {
        Advapi32Ext INSTANCE = Native.load("advapi32", Advapi32Ext.class, W32APIOptions.DEFAULT_OPTIONS);

        boolean SetTokenInformation(WinNT.HANDLE token, int infoClass, IntByReference info, int length);

        boolean CreateProcessAsUser(WinNT.HANDLE token, String applicationName, String commandLine,
                WinBase.SECURITY_ATTRIBUTES processAttributes, WinBase.SECURITY_ATTRIBUTES threadAttributes,
                boolean inheritHandles, int creationFlags, Pointer environment, String currentDirectory,
                WinBase.STARTUPINFO startupInfo, WinBase.PROCESS_INFORMATION processInformation);
    }

    interface Userenv extends StdCallLibrary {
        Userenv INSTANCE = Native.load("userenv", Userenv.class, W32APIOptions.DEFAULT_OPTIONS);

        boolean CreateEnvironmentBlock(PointerByReference environment, WinNT.HANDLE token, boolean inherit);

        boolean DestroyEnvironmentBlock(Pointer environment);
    }

    static final int TOKEN_ACCESS = WinNT.TOKEN_DUPLICATE | WinNT.TOKEN_QUERY | WinNT.TOKEN_ASSIGN_PRIMARY
            | WinNT.TOKEN_ADJUST_SESSIONID | WinNT.TOKEN_ADJUST_DEFAULT;
    static final int MAXIMUM_ALLOWED = 0x02000000;
    static final int TOKEN_SESSION_ID = 12; // TOKEN_INFORMATION_CLASS.TokenSessionId
    static final int CREATE_UNICODE_ENVIRONMENT = 0x00000400;
    static final int CREATE_NO_WINDOW = 0x08000000;
    static final int BELOW_NORMAL_PRIORITY_CLASS = 0x00004000;

    @Override
    public Handle openProcessToken() {
        WinNT.HANDLEByReference token = new WinNT.HANDLEByReference();
        check(Advapi32.INSTANCE.OpenProcessToken(Kernel32.INSTANCE.GetCurrentProcess(), TOKEN_ACCESS, token), "OpenProcessToken");
        return handle(token.getValue());
    }

    @Override
    public Handle duplicateAsPrimary(Handle token) {
        WinNT.HANDLEByReference primary = new WinNT.HANDLEByReference();
        check(Advapi32.INSTANCE.DuplicateTokenEx(win(token), MAXIMUM_ALLOWED, null,
                WinNT.SECURITY_IMPERSONATION_LEVEL.SecurityImpersonation, WinNT.TOKEN_TYPE.TokenPrimary, primary),
                "DuplicateTokenEx");
        return handle(primary.getValue());
    }

    @Override
    public void setSessionId(Handle token, int sessionId) {
        check(Advapi32Ext.INSTANCE.SetTokenInformation(win(token), TOKEN_SESSION_ID, new IntByReference(sessionId), 4),
                "SetTokenInformation(TokenSessionId)");
    }

    @Override
    public Handle createEnvironmentBlock(Handle token) {
        PointerByReference env = new PointerByReference();
        check(Userenv.INSTANCE.CreateEnvironmentBlock(env, win(token), false), "CreateEnvironmentBlock");
        return new Handle(Pointer.nativeValue(env.getValue()));
    }

    @Override
    public void destroyEnvironmentBlock(Handle environment) {
        Userenv.INSTANCE.DestroyEnvironmentBlock(new Pointer(environment.value()));
    }

    @Override
    public long createProcessAsUser(Handle token, String commandLine, Handle environment, String workingDir, String desktop) {
        WinBase.STARTUPINFO si = new WinBase.STARTUPINFO();
        si.lpDesktop = desktop;
        WinBase.PROCESS_INFORMATION pi = new WinBase.PROCESS_INFORMATION();
        check(Advapi32Ext.INSTANCE.CreateProcessAsUser(win(token), null, commandLine, null, null, false,
                CREATE_UNICODE_ENVIRONMENT | CREATE_NO_WINDOW | BELOW_NORMAL_PRIORITY_CLASS,
                new Pointer(environment.value()), workingDir, si, pi), "CreateProcessAsUser");
        Kernel32.INSTANCE.CloseHandle(pi.hThread);
        Kernel32.INSTANCE.CloseHandle(pi.hProcess);
        return pi.dwProcessId.longValue();
    }

    @Override
    public void closeHandle(Handle handle) {
        Kernel32.INSTANCE.CloseHandle(win(handle));
    }

    private static void check(boolean ok, String call) {
        if (!ok) {
            throw new Win32Exception(call, Kernel32.INSTANCE.GetLastError());
        }
    }

    private static Handle handle(WinNT.HANDLE h) {
        return new Handle(Pointer.nativeValue(h.getPointer()));
    }

    private static WinNT.HANDLE win(Handle h) {
        return new WinNT.HANDLE(new Pointer(h.value()));
    }
}
