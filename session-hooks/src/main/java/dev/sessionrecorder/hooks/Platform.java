package dev.sessionrecorder.hooks;

/** The three platform pieces the hooks use; one set per operating system, fakes in tests. */
public record Platform(SessionLocator locator, IdentitySource identity, SessionLauncher launcher) {

    public static Platform forThisPlatform() {
        if (System.getProperty("os.name", "").toLowerCase().startsWith("windows")) {
            return dev.sessionrecorder.hooks.windows.WindowsPlatform.create();
        }
        return new Platform(dev.sessionrecorder.hooks.linux.LinuxPlatform.locator(),
                dev.sessionrecorder.hooks.linux.LinuxPlatform.identity(), dev.sessionrecorder.hooks.linux.LinuxPlatform.launcher());
    }
}
