package dev.sessionrecorder.installer;

import com.sun.jna.platform.win32.Advapi32Util;
import com.sun.jna.platform.win32.Win32Exception;
import com.sun.jna.platform.win32.WinReg;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * SYSTEM's environment as the hooks give it to the recorder: CreateEnvironmentBlock(SYSTEM's token, inherit FALSE) builds
 * it from the machine's variables and SYSTEM's own (its profile hive is HKU\.DEFAULT), with USERPROFILE set to the
 * systemprofile folder. Read from the registry because the administrator's environment is a different one.
 */
final class WindowsSystemAccount {
    private static final String MACHINE = "SYSTEM\\CurrentControlSet\\Control\\Session Manager\\Environment";
    private static final String SYSTEMS_OWN = ".DEFAULT\\Environment";
    private static final Pattern REFERENCE = Pattern.compile("%([^%]+)%");

    private WindowsSystemAccount() {}

    static RecorderAccount read() {
        Map<String, String> env = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        String systemRoot = System.getenv().getOrDefault("SystemRoot", "C:\\Windows");
        env.put("SystemRoot", systemRoot);
        env.put("USERPROFILE", systemRoot + "\\System32\\config\\systemprofile");
        copy(WinReg.HKEY_LOCAL_MACHINE, MACHINE, env);
        copy(WinReg.HKEY_USERS, SYSTEMS_OWN, env);
        env.replaceAll((k, v) -> expand(v, env));
        return new RecorderAccount.Fixed("SYSTEM", env, true);
    }

    private static void copy(WinReg.HKEY hive, String key, Map<String, String> into) {
        try {
            Advapi32Util.registryGetValues(hive, key).forEach((name, value) -> {
                if (value instanceof String s) {
                    into.put(name, s);
                }
            });
        } catch (Win32Exception e) {
            // A missing key means no variables there; the check then reports the SDK's defaults.
        }
    }

    /** REG_EXPAND_SZ values such as %SystemRoot%\...; the registry hands them back unexpanded. */
    private static String expand(String value, Map<String, String> env) {
        Matcher m = REFERENCE.matcher(value);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String v = env.get(m.group(1));
            m.appendReplacement(out, Matcher.quoteReplacement(v != null && !v.contains("%") ? v : m.group()));
        }
        return m.appendTail(out).toString();
    }
}
