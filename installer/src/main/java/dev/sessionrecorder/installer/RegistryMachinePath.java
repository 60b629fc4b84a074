package dev.sessionrecorder.installer;

/**
 * The machine PATH as Windows builds a SYSTEM process's environment from it: the {@code Path} value of
 * HKLM\...\Session Manager\Environment, a REG_EXPAND_SZ whose %SystemRoot% and other references are
 * expanded (a plain REG_SZ is taken as written).
 */
final class RegistryMachinePath implements MachinePath {
    private final MachineRegistry registry;

    RegistryMachinePath(MachineRegistry registry) {
        this.registry = registry;
    }

    @Override
    public Reading read() {
        String where = "HKLM\\" + MachineRegistry.ENVIRONMENT_KEY + " value Path";
        MachineRegistry.Value v = registry.machineEnvironment("Path");
        if (v.error() == 2) {
            return Reading.unknown(where + " does not exist (Win32 error 2), so the hooks get no PATH to find java.exe on");
        }
        if (v.error() != 0) {
            return Reading.unknown("could not read " + where + ": Win32 error " + v.error()
                    + (v.error() == 5 ? " (access denied); run doctor elevated (Run as administrator)" : ""));
        }
        if (v.type() == MachineRegistry.REG_SZ) {
            return Reading.of(v.text(), ";");
        }
        if (v.type() != MachineRegistry.REG_EXPAND_SZ) {
            return Reading.unknown(where + " has registry type " + v.type() + ", not REG_EXPAND_SZ or REG_SZ, so Windows "
                    + "gives the hooks no usable PATH; fix it in System Properties > Environment Variables");
        }
        MachineRegistry.Expanded e = registry.expand(v.text());
        if (e.error() != 0) {
            return Reading.unknown("could not expand " + where + " (" + v.text() + "): ExpandEnvironmentStrings failed with Win32 error "
                    + e.error());
        }
        return Reading.of(e.text(), ";");
    }
}
