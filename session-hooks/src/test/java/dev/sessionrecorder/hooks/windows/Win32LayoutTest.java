package dev.sessionrecorder.hooks.windows;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.sun.jna.Library;
import com.sun.jna.Native;
import com.sun.jna.Platform;
import com.sun.jna.Pointer;
import com.sun.jna.Structure;
import com.sun.jna.platform.win32.WinBase;
import com.sun.jna.win32.W32APIFunctionMapper;
import com.sun.jna.win32.W32APITypeMapper;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The x64 layout JNA computes for the structures handed to CreateProcessAsUser, against the sizes and
 * offsets of Microsoft's headers for x64.
 *
 * <p>Why Linux x86-64 computes what Windows x64 would: these structures hold only fixed-width integers
 * (DWORD and WORD are IntegerTypes of 4 and 2 bytes, jna's boolean is a 4-byte int) and pointers (8 bytes);
 * both ABIs align each such field to its own size and a structure to its largest field, and JNA's
 * default alignment follows that on both. The one type whose size differs, C {@code long} (NativeLong: 8 on
 * Linux, 4 on Windows), does not occur here. String fields map to a pointer under the W32 type mapper
 * either way. So the numbers below hold on Windows x64 too; 32-bit JVMs are not shipped.
 */
class Win32LayoutTest {
    @BeforeEach
    void onlyOn64Bit() {
        assumeTrue(Native.POINTER_SIZE == 8 && Platform.is64Bit(), "x64 layout");
    }

    /** Structure.fieldOffset is protected: a subclass with the same fields reads it. */
    static final class StartupInfo extends WinBase.STARTUPINFO {
        int offsetOf(String field) {
            return fieldOffset(field);
        }
    }

    @Test
    void startupInfoIsTheX64Layout() {
        StartupInfo si = new StartupInfo();
        assertThat(si.size()).isEqualTo(104);
        // Offsets per winbase.h on x64: cb 0, lpReserved 8, lpDesktop 16, lpTitle 24, dwX..dwFillAttribute 32-56,
        // dwFlags 60, wShowWindow 64, cbReserved2 66, lpReserved2 72, hStdInput 80, hStdOutput 88, hStdError 96.
        assertThat(si.offsetOf("lpDesktop")).isEqualTo(16);
        assertThat(si.offsetOf("dwFlags")).isEqualTo(60);
        assertThat(si.offsetOf("wShowWindow")).isEqualTo(64);
        assertThat(si.offsetOf("lpReserved2")).isEqualTo(72);
        assertThat(si.offsetOf("hStdInput")).isEqualTo(80);
        assertThat(si.offsetOf("hStdOutput")).isEqualTo(88);
        assertThat(si.offsetOf("hStdError")).isEqualTo(96);
    }

    @Test
    void startupInfoExIsStartupInfoAndAPointerAndSaysSoInCb() {
        Win32Api.StartupInfoEx ex = new Win32Api.StartupInfoEx();
        assertThat(ex.size()).isEqualTo(112);
        assertThat(ex.offsetOf("lpAttributeList")).isEqualTo(104);
        assertThat(ex.StartupInfo.cb.intValue()).as("cb names the extended size").isEqualTo(112);
    }

    /**
     * The sizes cannot tell a wide lpDesktop from a narrow one (both are a pointer): write the structure
     * JnaWin32Launch hands over and read the string back. Wide text has a zero byte after each ASCII
     * letter (UTF-16 on Windows, 4-byte wchar_t here), so "winsta0\\default" written narrow fails both checks.
     */
    @Test
    void lpDesktopIsWrittenAsAWideStringWithOrWithoutInheritance() {
        Structure extended = JnaWin32Launch.startup(TokenLauncher.DESKTOP, JnaWin32LaunchTest.INHERITED, true).info();
        Structure plain = JnaWin32Launch.startup(TokenLauncher.DESKTOP, null, true).info();
        for (Structure si : new Structure[] {extended, plain}) {
            si.write();
            Pointer desktop = si.getPointer().getPointer(16); // lpDesktop's offset, as startupInfoIsTheX64Layout checks
            assertThat(desktop).as(si.getClass().getSimpleName()).isNotNull();
            assertThat(desktop.getByte(1)).as("second byte of a wide 'w'").isZero();
            assertThat(desktop.getWideString(0)).isEqualTo(TokenLauncher.DESKTOP);
        }
    }

    @Test
    void theStructuresAndFunctionsAreBoundWide() {
        // CreateProcessAsUserW reads lpDesktop as UTF-16: the type mapper and the W function must go together.
        assertThat(W32APITypeMapper.DEFAULT).as("-Dw32.ascii is never set").isSameAs(W32APITypeMapper.UNICODE);
        assertThat(Win32Api.OPTIONS.get(Library.OPTION_TYPE_MAPPER)).isSameAs(W32APITypeMapper.UNICODE);
        assertThat(Win32Api.OPTIONS.get(Library.OPTION_FUNCTION_MAPPER)).isSameAs(W32APIFunctionMapper.UNICODE);
    }

    @Test
    void securityAttributesAndProcessInformationAreTheX64Layout() {
        assertThat(new WinBase.SECURITY_ATTRIBUTES().size()).isEqualTo(24); // DWORD, pad, pointer, BOOL, pad
        assertThat(new WinBase.PROCESS_INFORMATION().size()).isEqualTo(24); // two HANDLEs, two DWORDs
    }
}
