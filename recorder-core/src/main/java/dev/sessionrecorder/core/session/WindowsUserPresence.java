package dev.sessionrecorder.core.session;

import com.sun.jna.platform.win32.Kernel32;
import com.sun.jna.platform.win32.Wtsapi32;
import com.sun.jna.ptr.IntByReference;
import com.sun.jna.ptr.PointerByReference;
import java.util.Optional;

/**
 * On Windows, the session this process was started in (the hooks start the recorder in the user's
 * session): it is gone when WTS no longer reports a user logged on there.
 */
final class WindowsUserPresence implements UserPresence {
    /** The two WTS facts needed, behind an interface so the logic is tested with a fake. */
    interface Sessions {
        /** ProcessIdToSessionId(GetCurrentProcessId()), or -1 when it fails. */
        int ownSession();

        /** WTSQuerySessionInformation(WTSUserName); null when the call fails (the session is gone: error 7022 or 2). */
        String userName(int session);
    }

    private final Sessions wts;

    WindowsUserPresence(Sessions wts) {
        this.wts = wts;
    }

    @Override
    public Optional<String> absence() {
        int session = wts.ownSession();
        if (session <= 0) {
            return Optional.empty(); // session 0 or unknown: no user session to watch, never a reason to stop
        }
        String user = wts.userName(session);
        if (user == null) {
            return Optional.of("Windows session " + session + " no longer exists");
        }
        return user.isBlank() ? Optional.of("Windows session " + session + " has no user logged on any more") : Optional.empty();
    }

    /** Through jna-platform's Kernel32 and Wtsapi32 (Unicode). */
    static final class JnaSessions implements Sessions {
        @Override
        public int ownSession() {
            IntByReference id = new IntByReference();
            return Kernel32.INSTANCE.ProcessIdToSessionId(Kernel32.INSTANCE.GetCurrentProcessId(), id) ? id.getValue() : -1;
        }

        @Override
        public String userName(int session) {
            PointerByReference buf = new PointerByReference();
            IntByReference bytes = new IntByReference();
            if (!Wtsapi32.INSTANCE.WTSQuerySessionInformation(Wtsapi32.WTS_CURRENT_SERVER_HANDLE, session,
                    Wtsapi32.WTS_INFO_CLASS.WTSUserName, buf, bytes)) {
                return null;
            }
            try {
                return buf.getValue() == null ? "" : buf.getValue().getWideString(0);
            } finally {
                Wtsapi32.INSTANCE.WTSFreeMemory(buf.getValue());
            }
        }
    }
}
