package dev.sessionrecorder.installer;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Reading the machine PATH from the registry, against a fake that answers with Windows' types and error codes. */
class RegistryMachinePathTest {

    /** HKLM's Environment key as a test plants it; expand() substitutes like ExpandEnvironmentStrings (unknown names stay). */
    static final class FakeMachineRegistry implements MachineRegistry {
        MachineRegistry.Value path = new MachineRegistry.Value(2, 0, ""); // ERROR_FILE_NOT_FOUND: no such value
        int expandError;
        final Map<String, String> environment = Map.of("SystemRoot", "C:\\Windows", "ProgramFiles", "C:\\Program Files");

        @Override
        public MachineRegistry.Value machineEnvironment(String name) {
            return name.equals("Path") ? path : new MachineRegistry.Value(2, 0, "");
        }

        @Override
        public MachineRegistry.Expanded expand(String text) {
            if (expandError != 0) {
                return new MachineRegistry.Expanded(expandError, "");
            }
            String out = text;
            for (var e : environment.entrySet()) {
                out = out.replaceAll("(?i)%" + e.getKey() + "%", java.util.regex.Matcher.quoteReplacement(e.getValue()));
            }
            return new MachineRegistry.Expanded(0, out);
        }
    }

    private final FakeMachineRegistry registry = new FakeMachineRegistry();

    @Test
    void expandsARegExpandSzPathAndKeepsItsOrder() {
        registry.path = new MachineRegistry.Value(0, MachineRegistry.REG_EXPAND_SZ,
                "%SystemRoot%\\system32;%SystemRoot%;;\"%ProgramFiles%\\Amazon Corretto\\jdk17\\bin\";C:\\Tools");

        assertThat(new RegistryMachinePath(registry).read()).isEqualTo(new MachinePath.Reading(List.of("C:\\Windows\\system32",
                "C:\\Windows", "C:\\Program Files\\Amazon Corretto\\jdk17\\bin", "C:\\Tools"), ""));
    }

    @Test
    void aPlainRegSzIsTakenAsWritten() {
        registry.path = new MachineRegistry.Value(0, MachineRegistry.REG_SZ, "C:\\Windows\\system32;%NotExpanded%");

        assertThat(new RegistryMachinePath(registry).read().folders()).containsExactly("C:\\Windows\\system32", "%NotExpanded%");
    }

    @Test
    void aMissingValueWrongTypeOrFailedExpansionIsAProblemNotAnEmptyPath() {
        MachinePath path = new RegistryMachinePath(registry);
        assertThat(path.read().problem()).isEqualTo("HKLM\\SYSTEM\\CurrentControlSet\\Control\\Session Manager\\Environment value Path "
                + "does not exist (Win32 error 2), so the hooks get no PATH to find java.exe on");

        registry.path = new MachineRegistry.Value(0, 4, ""); // REG_DWORD
        assertThat(path.read().problem()).contains("has registry type 4, not REG_EXPAND_SZ or REG_SZ");

        registry.path = new MachineRegistry.Value(5, 0, "");
        assertThat(path.read().problem()).endsWith("Win32 error 5 (access denied); run doctor elevated (Run as administrator)");

        registry.path = new MachineRegistry.Value(0, MachineRegistry.REG_EXPAND_SZ, "%SystemRoot%");
        registry.expandError = 8; // ERROR_NOT_ENOUGH_MEMORY
        assertThat(path.read().problem()).endsWith("ExpandEnvironmentStrings failed with Win32 error 8");
    }
}
