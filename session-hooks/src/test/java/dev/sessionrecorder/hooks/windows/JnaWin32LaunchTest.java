package dev.sessionrecorder.hooks.windows;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.jna.platform.win32.WinNT;
import org.junit.jupiter.api.Test;

/** What {@link JnaWin32Launch} hands to Windows, checked without calling it. */
class JnaWin32LaunchTest {
    @Test
    void nulIsWritableBecauseItBecomesStdoutAndStderrWhenTheLogCannotBeOpened() {
        // A GENERIC_READ-only NUL as stdout fails every WriteFile with ERROR_ACCESS_DENIED.
        assertThat(JnaWin32Launch.NUL_ACCESS & WinNT.GENERIC_WRITE).isEqualTo(WinNT.GENERIC_WRITE);
        assertThat(JnaWin32Launch.NUL_ACCESS & WinNT.GENERIC_READ).isEqualTo(WinNT.GENERIC_READ);
    }
}
