package dev.sessionrecorder.hooks.windows;

import dev.sessionrecorder.hooks.Platform;

/** The Windows implementations of the hooks' platform pieces. */
public final class WindowsPlatform {
    private WindowsPlatform() {}

    public static Platform create() {
        return new Platform(new WtsSessionLocator(new JnaWts()), RegistryIdentitySource.real(), new TokenLauncher(new JnaWin32Launch()));
    }
}
