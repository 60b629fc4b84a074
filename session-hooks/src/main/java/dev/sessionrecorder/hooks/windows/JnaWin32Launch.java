package dev.sessionrecorder.hooks.windows;

import com.sun.jna.Native;
import com.sun.jna.Pointer;
import com.sun.jna.Structure;
import com.sun.jna.platform.win32.Advapi32;
import com.sun.jna.platform.win32.BaseTSD;
import com.sun.jna.platform.win32.Kernel32;
import com.sun.jna.platform.win32.WinBase;
import com.sun.jna.platform.win32.WinDef;
import com.sun.jna.platform.win32.WinNT;
import com.sun.jna.ptr.IntByReference;
import com.sun.jna.ptr.PointerByReference;
import dev.sessionrecorder.hooks.windows.Win32Api.Advapi32Ext;
import dev.sessionrecorder.hooks.windows.Win32Api.Kernel32Ext;
import dev.sessionrecorder.hooks.windows.Win32Api.Userenv;
import java.util.List;

/**
 * {@link Win32Launch} through JNA. Error codes come from Native.getLastError(), which JNA saves right
 * after each call; a second GetLastError call could report whatever the JVM did in between.
 */
final class JnaWin32Launch implements Win32Launch {
    static final int TOKEN_ACCESS = WinNT.TOKEN_DUPLICATE | WinNT.TOKEN_QUERY | WinNT.TOKEN_ASSIGN_PRIMARY
            | WinNT.TOKEN_ADJUST_SESSIONID | WinNT.TOKEN_ADJUST_DEFAULT | WinNT.TOKEN_ADJUST_PRIVILEGES;
    static final int MAXIMUM_ALLOWED = 0x02000000;
    static final int TOKEN_SESSION_ID = 12; // TOKEN_INFORMATION_CLASS.TokenSessionId
    static final int CREATE_UNICODE_ENVIRONMENT = 0x00000400;
    static final int CREATE_NO_WINDOW = 0x08000000;
    static final int BELOW_NORMAL_PRIORITY_CLASS = 0x00004000;
    static final int EXTENDED_STARTUPINFO_PRESENT = 0x00080000;
    static final int CREATE_BREAKAWAY_FROM_JOB = 0x01000000;
    static final int STARTF_USESTDHANDLES = 0x00000100;
    static final int ERROR_INSUFFICIENT_BUFFER = 122;
    /** Read for stdin, write for stdout/stderr when the log cannot be opened: a read-only handle fails every write. */
    static final int NUL_ACCESS = WinNT.GENERIC_READ | WinNT.GENERIC_WRITE;

    @Override
    public Handle openProcessToken() {
        WinNT.HANDLEByReference token = new WinNT.HANDLEByReference();
        check(Advapi32.INSTANCE.OpenProcessToken(Kernel32.INSTANCE.GetCurrentProcess(), TOKEN_ACCESS, token), "OpenProcessToken");
        return handle(token.getValue());
    }

    @Override
    public void enablePrivilege(Handle token, String privilege) {
        WinNT.LUID luid = new WinNT.LUID();
        check(Advapi32.INSTANCE.LookupPrivilegeValue(null, privilege, luid), "LookupPrivilegeValue(" + privilege + ")");
        WinNT.TOKEN_PRIVILEGES wanted = new WinNT.TOKEN_PRIVILEGES(1);
        wanted.Privileges[0] = new WinNT.LUID_AND_ATTRIBUTES(luid, new WinDef.DWORD(WinNT.SE_PRIVILEGE_ENABLED));
        boolean ok = Advapi32.INSTANCE.AdjustTokenPrivileges(win(token), false, wanted, 0, null, null);
        int error = Native.getLastError();
        // TRUE does not mean enabled: without the privilege in the token it "succeeds" with ERROR_NOT_ALL_ASSIGNED.
        if (!ok || error == WinError.NOT_ALL_ASSIGNED) {
            throw new Win32Exception("AdjustTokenPrivileges(" + privilege + ")", ok ? WinError.NOT_ALL_ASSIGNED : error);
        }
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
    public Handle openForAppend(String path) {
        return createFile(path, WinNT.FILE_APPEND_DATA, WinNT.FILE_SHARE_READ | WinNT.FILE_SHARE_WRITE | WinNT.FILE_SHARE_DELETE,
                WinNT.OPEN_ALWAYS);
    }

    @Override
    public Handle openNul() {
        return createFile("NUL", NUL_ACCESS, WinNT.FILE_SHARE_READ | WinNT.FILE_SHARE_WRITE, WinNT.OPEN_EXISTING);
    }

    private static Handle createFile(String path, int access, int share, int disposition) {
        WinBase.SECURITY_ATTRIBUTES inheritable = new WinBase.SECURITY_ATTRIBUTES();
        inheritable.bInheritHandle = true;
        WinNT.HANDLE h = Kernel32.INSTANCE.CreateFile(path, access, share, inheritable, disposition, WinNT.FILE_ATTRIBUTE_NORMAL, null);
        if (WinBase.INVALID_HANDLE_VALUE.equals(h)) {
            throw new Win32Exception("CreateFile(" + path + ")", Native.getLastError());
        }
        return handle(h);
    }

    @Override
    public Handle createHandleList(List<Handle> handles) {
        BaseTSD.ULONG_PTRByReference size = new BaseTSD.ULONG_PTRByReference(new BaseTSD.ULONG_PTR(0));
        // Asking for the size "fails" with ERROR_INSUFFICIENT_BUFFER; only another error is a failure.
        if (!Kernel32Ext.INSTANCE.InitializeProcThreadAttributeList(null, 1, 0, size)) {
            int error = Native.getLastError();
            if (error != ERROR_INSUFFICIENT_BUFFER) {
                throw new Win32Exception("InitializeProcThreadAttributeList(size)", error);
            }
        }
        // One block holds the list and, after it, the handle array: UpdateProcThreadAttribute keeps a pointer
        // to the array (it does not copy it), so both must live until DeleteProcThreadAttributeList.
        long listBytes = (size.getValue().longValue() + 7) & ~7L;
        long block = Native.malloc(listBytes + (long) Native.POINTER_SIZE * handles.size());
        if (block == 0) {
            throw new Win32Exception("malloc(attribute list)", 8); // ERROR_NOT_ENOUGH_MEMORY
        }
        Pointer list = new Pointer(block);
        if (!Kernel32Ext.INSTANCE.InitializeProcThreadAttributeList(list, 1, 0, size)) {
            int error = Native.getLastError();
            Native.free(block);
            throw new Win32Exception("InitializeProcThreadAttributeList", error);
        }
        Pointer array = list.share(listBytes);
        for (int i = 0; i < handles.size(); i++) {
            array.setPointer((long) i * Native.POINTER_SIZE, new Pointer(handles.get(i).value()));
        }
        if (!Kernel32Ext.INSTANCE.UpdateProcThreadAttribute(list, 0, new BaseTSD.ULONG_PTR(Win32Api.PROC_THREAD_ATTRIBUTE_HANDLE_LIST),
                array, new BaseTSD.SIZE_T((long) Native.POINTER_SIZE * handles.size()), null, null)) {
            int error = Native.getLastError();
            deleteHandleList(new Handle(block));
            throw new Win32Exception("UpdateProcThreadAttribute(PROC_THREAD_ATTRIBUTE_HANDLE_LIST)", error);
        }
        return new Handle(block);
    }

    @Override
    public void deleteHandleList(Handle list) {
        Kernel32Ext.INSTANCE.DeleteProcThreadAttributeList(new Pointer(list.value()));
        Native.free(list.value());
    }

    @Override
    public long createProcessAsUser(Handle token, String commandLine, Handle environment, String workingDir, String desktop,
            Inherited inherited, boolean breakawayFromJob) {
        Startup startup = startup(desktop, inherited, breakawayFromJob);
        WinBase.PROCESS_INFORMATION pi = new WinBase.PROCESS_INFORMATION();
        Pointer env = new Pointer(environment.value());
        boolean ok = startup.info() instanceof Win32Api.StartupInfoEx ex
                ? Advapi32Ext.INSTANCE.CreateProcessAsUser(win(token), null, commandLine, null, null, startup.inheritHandles(),
                        startup.flags(), env, workingDir, ex, pi)
                : Advapi32Ext.INSTANCE.CreateProcessAsUser(win(token), null, commandLine, null, null, startup.inheritHandles(),
                        startup.flags(), env, workingDir, (WinBase.STARTUPINFO) startup.info(), pi);
        check(ok, "CreateProcessAsUser");
        Kernel32.INSTANCE.CloseHandle(pi.hThread);
        Kernel32.INSTANCE.CloseHandle(pi.hProcess);
        return pi.dwProcessId.longValue();
    }

    /** The arguments of CreateProcessAsUser that depend on inheritance and breakaway; native-free, so tested off Windows. */
    record Startup(Structure info, boolean inheritHandles, int flags) {}

    static Startup startup(String desktop, Inherited inherited, boolean breakawayFromJob) {
        int flags = CREATE_UNICODE_ENVIRONMENT | CREATE_NO_WINDOW | BELOW_NORMAL_PRIORITY_CLASS
                | (breakawayFromJob ? CREATE_BREAKAWAY_FROM_JOB : 0);
        if (inherited == null) {
            // cb = sizeof(STARTUPINFO) and no STARTF_USESTDHANDLES: nothing is inherited, so no handle may be named.
            WinBase.STARTUPINFO si = new WinBase.STARTUPINFO();
            si.lpDesktop = desktop;
            return new Startup(si, false, flags);
        }
        Win32Api.StartupInfoEx si = new Win32Api.StartupInfoEx();
        si.StartupInfo.lpDesktop = desktop;
        si.StartupInfo.dwFlags = STARTF_USESTDHANDLES;
        si.StartupInfo.hStdInput = win(inherited.std().input());
        si.StartupInfo.hStdOutput = win(inherited.std().output());
        si.StartupInfo.hStdError = win(inherited.std().error());
        si.lpAttributeList = new Pointer(inherited.handleList().value());
        // The handle list only narrows what bInheritHandles TRUE would pass; with FALSE it fails the call.
        return new Startup(si, true, flags | EXTENDED_STARTUPINFO_PRESENT);
    }

    @Override
    public void closeHandle(Handle handle) {
        Kernel32.INSTANCE.CloseHandle(win(handle));
    }

    private static void check(boolean ok, String call) {
        if (!ok) {
            throw new Win32Exception(call, Native.getLastError());
        }
    }

    private static Handle handle(WinNT.HANDLE h) {
        return new Handle(Pointer.nativeValue(h.getPointer()));
    }

    private static WinNT.HANDLE win(Handle h) {
        return new WinNT.HANDLE(new Pointer(h.value()));
    }
}
