package dev.sessionrecorder.installer;

/**
 * The two Win32 calls behind {@link RegistryMachinePath}, with Win32's own codes instead of exceptions: the
 * real one is {@link JnaMachineRegistry}; tests on Linux use a fake that answers as Windows does.
 */
interface MachineRegistry {
    String ENVIRONMENT_KEY = "SYSTEM\\CurrentControlSet\\Control\\Session Manager\\Environment";
    int REG_SZ = 1;
    int REG_EXPAND_SZ = 2;

    /** RegQueryValueEx's answer: {@code error} 0 and then the value's REG_* {@code type} and, for string types, its text. */
    record Value(int error, int type, String text) {}

    /** HKLM\{@value #ENVIRONMENT_KEY}, value {@code name}, unexpanded. */
    Value machineEnvironment(String name);

    /** ExpandEnvironmentStringsW's answer: {@code error} 0 and the text, or the code GetLastError gave right after the call. */
    record Expanded(int error, String text) {}

    Expanded expand(String text);
}
