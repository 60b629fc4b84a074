package dev.sessionrecorder.hooks.windows;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** How RegOpenKeyEx / RegQueryValueEx answers (status, type, bytes) become a {@link RegistryValue}. */
class RegistryValueTest {
    static byte[] utf16(String s) {
        return s.getBytes(StandardCharsets.UTF_16LE);
    }

    @Test
    void aStringLosesItsTerminatorAndKeepsEverythingElse() {
        byte[] data = utf16("alice@corp.example\0");
        assertThat(RegistryValue.decode(0, RegistryValue.REG_SZ, data, data.length)).isEqualTo(new RegistryValue.Present("alice@corp.example"));
        byte[] expand = utf16("%USERNAME%");
        assertThat(RegistryValue.decode(0, RegistryValue.REG_EXPAND_SZ, expand, expand.length))
                .as("kept unexpanded").isEqualTo(new RegistryValue.Present("%USERNAME%"));
    }

    @Test
    void anOddLengthOrUnterminatedStringWrittenByRegSetValueExStillDecodes() {
        byte[] data = utf16("abc");
        byte[] odd = java.util.Arrays.copyOf(data, data.length + 1);
        assertThat(RegistryValue.decode(0, RegistryValue.REG_SZ, odd, odd.length)).isEqualTo(new RegistryValue.Present("abc"));
    }

    @Test
    void aDwordIsAWrongTypeNamedByItsRegType() {
        RegistryValue v = RegistryValue.decode(0, RegistryValue.REG_DWORD, new byte[] {7, 0, 0, 0}, 4);
        assertThat(v).isEqualTo(new RegistryValue.WrongType(4));
        assertThat(RegistryValue.problem(v)).isEqualTo("REG_DWORD, not a string");
        assertThat(RegistryValue.problem(new RegistryValue.WrongType(RegistryValue.REG_MULTI_SZ))).isEqualTo("REG_MULTI_SZ, not a string");
    }

    @Test
    void windowsStatusCodesMapToAbsentOrUnreadable() {
        assertThat(RegistryValue.decode(2, 0, new byte[0], 0)).isEqualTo(new RegistryValue.Absent(false));
        assertThat(RegistryValue.keyNotOpened(2)).isEqualTo(new RegistryValue.Absent(true));
        assertThat(RegistryValue.keyNotOpened(5)).isEqualTo(new RegistryValue.Unreadable(5));
        assertThat(RegistryValue.problem(new RegistryValue.Unreadable(5))).isEqualTo("Windows error 5 (access denied)");
        assertThat(RegistryValue.problem(RegistryValue.decode(234, RegistryValue.REG_SZ, new byte[0], 0)))
                .isEqualTo("larger than 16384 bytes, Windows error 234 (more data than the buffer holds)");
        assertThat(RegistryValue.problem(new RegistryValue.Absent(true))).startsWith("no such key (the user's registry hive is not loaded");
    }
}
