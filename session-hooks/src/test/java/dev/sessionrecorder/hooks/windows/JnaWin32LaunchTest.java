package dev.sessionrecorder.hooks.windows;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.jna.Pointer;
import com.sun.jna.platform.win32.WinBase;
import com.sun.jna.platform.win32.WinNT;
import dev.sessionrecorder.hooks.windows.Win32Launch.Handle;
import dev.sessionrecorder.hooks.windows.Win32Launch.Inherited;
import dev.sessionrecorder.hooks.windows.Win32Launch.StdHandles;
import org.junit.jupiter.api.Test;

/**
 * What {@link JnaWin32Launch} hands to Windows, checked without calling it: the CreateProcessAsUser
 * arguments that depend on inheritance, and the access NUL is opened with.
 */
class JnaWin32LaunchTest {
    static final Inherited INHERITED = new Inherited(new StdHandles(new Handle(0x10), new Handle(0x14), new Handle(0x14)), new Handle(0x7000));

    @Test
    void inheritingSetsBInheritHandlesTheExtendedFlagTheStdHandlesAndTheList() {
        JnaWin32Launch.Startup s = JnaWin32Launch.startup(TokenLauncher.DESKTOP, INHERITED, true);
        // PROC_THREAD_ATTRIBUTE_HANDLE_LIST is ignored unless EXTENDED_STARTUPINFO_PRESENT, and fails the call without bInheritHandles.
        assertThat(s.inheritHandles()).isTrue();
        assertThat(s.flags()).isEqualTo(0x00000400 | 0x08000000 | 0x00004000 | 0x00080000 | 0x01000000);
        Win32Api.StartupInfoEx si = (Win32Api.StartupInfoEx) s.info();
        assertThat(si.StartupInfo.cb.intValue()).isEqualTo(si.size());
        assertThat(si.StartupInfo.dwFlags).isEqualTo(0x100); // STARTF_USESTDHANDLES
        assertThat(value(si.StartupInfo.hStdInput)).isEqualTo(0x10);
        assertThat(value(si.StartupInfo.hStdOutput)).isEqualTo(0x14);
        assertThat(value(si.StartupInfo.hStdError)).isEqualTo(0x14);
        assertThat(Pointer.nativeValue(si.lpAttributeList)).isEqualTo(0x7000);
    }

    @Test
    void inheritingNothingClearsBInheritHandlesAndNamesNoHandle() {
        JnaWin32Launch.Startup s = JnaWin32Launch.startup(TokenLauncher.DESKTOP, null, false);
        assertThat(s.inheritHandles()).isFalse();
        assertThat(s.flags()).isEqualTo(0x00000400 | 0x08000000 | 0x00004000); // no EXTENDED_STARTUPINFO_PRESENT, no breakaway
        WinBase.STARTUPINFO si = (WinBase.STARTUPINFO) s.info();
        assertThat(si).isNotInstanceOf(Win32Api.StartupInfoEx.class);
        assertThat(si.cb.intValue()).as("cb = sizeof(STARTUPINFO) without the extended flag").isEqualTo(si.size());
        assertThat(si.dwFlags).as("no STARTF_USESTDHANDLES").isZero();
        assertThat(value(si.hStdInput)).isZero();
        assertThat(value(si.hStdOutput)).isZero();
        assertThat(value(si.hStdError)).isZero();
        assertThat(si.lpDesktop).isEqualTo(TokenLauncher.DESKTOP);
    }

    /** jna fills HANDLE fields with a HANDLE holding NULL, not with null. */
    private static long value(WinNT.HANDLE h) {
        return h == null ? 0 : Pointer.nativeValue(h.getPointer());
    }

    @Test
    void nulIsWritableBecauseItBecomesStdoutAndStderrWhenTheLogCannotBeOpened() {
        // A GENERIC_READ-only NUL as stdout fails every WriteFile with ERROR_ACCESS_DENIED.
        assertThat(JnaWin32Launch.NUL_ACCESS & WinNT.GENERIC_WRITE).isEqualTo(WinNT.GENERIC_WRITE);
        assertThat(JnaWin32Launch.NUL_ACCESS & WinNT.GENERIC_READ).isEqualTo(WinNT.GENERIC_READ);
    }
}
