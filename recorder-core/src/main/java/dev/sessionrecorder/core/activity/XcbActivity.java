package dev.sessionrecorder.core.activity;

import com.sun.jna.Library;
import com.sun.jna.Native;
import com.sun.jna.NativeLibrary;
import com.sun.jna.Pointer;
import dev.sessionrecorder.core.display.XcbConnection;
import com.sun.jna.ptr.PointerByReference;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The focused window and idle time of an X display, through xcb (not Xlib, whose I/O error handler
 * exits the process when the server goes away; see {@code XcbTopology}).
 *
 * <p>The window: EWMH {@code _NET_ACTIVE_WINDOW} on the root when a window manager keeps it, else the
 * input focus (Xvnc runs no window manager), walked up to the client window that carries the names.
 * The title: {@code _NET_WM_NAME}, else {@code WM_NAME}. The app: {@code _NET_WM_PID} read in /proc,
 * only when {@code WM_CLIENT_MACHINE} says the client runs on this host (a pid from elsewhere names a
 * stranger). Idle: MIT-SCREEN-SAVER's time since the last user input, through libxcb-screensaver.
 *
 * <p>xcb cookies are one-uint structs, which x86-64 System V passes in a register like an int.
 */
final class XcbActivity implements ActivitySource {

    interface XcbScreensaver extends Library {
        int xcb_screensaver_query_info(Pointer c, int drawable);

        Pointer xcb_screensaver_query_info_reply(Pointer c, int cookie, PointerByReference error);
    }

    private static final class Libs {
        static final XcbConnection.Xcb XCB = XcbConnection.xcb();
        static final XcbScreensaver SAVER = Native.load("xcb-screensaver", XcbScreensaver.class);
    }

    private static final int POINTER_ROOT = 1;
    private static final int ANY_TYPE = 0;
    /** Property read length in 32-bit units: {@link TitlePolicy#READ_LIMIT} characters of UTF-8 take at most this. */
    private static final int TITLE_WORDS = TitlePolicy.READ_LIMIT;
    private static final int MAX_DEPTH = 32;

    private final String display;
    private final Path proc;
    private final String hostName;
    private final Map<String, Integer> atoms = new HashMap<>();
    private final XcbConnection.ErrorSlot error = new XcbConnection.ErrorSlot();
    private Pointer conn;
    private int root;
    private boolean screensaver;

    XcbActivity(String display) {
        this(display, Path.of("/proc"));
    }

    XcbActivity(String display, Path proc) {
        this.display = display;
        this.proc = proc;
        this.hostName = readHostName(proc);
    }

    @Override
    public ActivitySample sample() throws ActivityException {
        connect();
        Optional<Foreground> foreground = focused().map(this::describe);
        Optional<Duration> idle = screensaver ? idle() : Optional.empty();
        if (Libs.XCB.xcb_connection_has_error(conn) != 0) {
            close(); // the server went away mid-sample: what was read may be half a picture
            throw new ActivityException("X display " + display + " closed the connection");
        }
        return new ActivitySample(foreground, idle);
    }

    private void connect() throws ActivityException {
        if (conn != null && Libs.XCB.xcb_connection_has_error(conn) == 0) {
            return;
        }
        close();
        try {
            XcbConnection.Opened opened = XcbConnection.open(display);
            conn = opened.conn();
            root = opened.root();
        } catch (IOException e) {
            throw new ActivityException(e.getMessage());
        }
        // Checked first: xcb closes the connection when a request goes to an extension the server lacks.
        Pointer id = NativeLibrary.getInstance("xcb-screensaver").getGlobalVariableAddress("xcb_screensaver_id");
        Pointer ext = Libs.XCB.xcb_get_extension_data(conn, id);
        screensaver = ext != null && ext.getByte(8) != 0;
    }

    /** The window with the focus; empty when none, or only the root, has it. */
    private Optional<Integer> focused() {
        Property active = property(root, atom("_NET_ACTIVE_WINDOW"), ANY_TYPE, 1);
        if (active != null && active.value().length >= 4) {
            int w = active.int32(0);
            return w == 0 ? Optional.empty() : Optional.of(w);
        }
        Integer focused = XcbConnection.read(Libs.XCB.xcb_get_input_focus_reply(conn, Libs.XCB.xcb_get_input_focus(conn),
                error.next()), r -> r.getInt(8), null);
        if (focused == null) {
            return Optional.empty();
        }
        int focus = focused;
        if (focus == POINTER_ROOT) {
            // Keyboard input goes to whichever top-level window is under the pointer.
            focus = pointerChild();
        }
        return focus == 0 || focus == root ? Optional.empty() : Optional.of(clientOf(focus));
    }

    private int pointerChild() {
        return XcbConnection.read(Libs.XCB.xcb_query_pointer_reply(conn, Libs.XCB.xcb_query_pointer(conn, root), error.next()),
                r -> r.getInt(12), 0);
    }

    /** The focus may sit on a child widget; the names live on the top-level client window above it. */
    private int clientOf(int window) {
        int w = window;
        for (int depth = 0; depth < MAX_DEPTH && w != 0 && w != root; depth++) {
            if (property(w, atom("WM_NAME"), ANY_TYPE, 0) != null || property(w, atom("_NET_WM_PID"), ANY_TYPE, 0) != null) {
                return w;
            }
            w = parent(w);
        }
        return window;
    }

    private int parent(int window) {
        return XcbConnection.read(Libs.XCB.xcb_query_tree_reply(conn, Libs.XCB.xcb_query_tree(conn, window), error.next()),
                r -> r.getInt(12), 0);
    }

    private Foreground describe(int window) {
        Property pidProperty = property(window, atom("_NET_WM_PID"), ANY_TYPE, 1);
        long pid = pidProperty != null && pidProperty.value().length >= 4 ? Integer.toUnsignedLong(pidProperty.int32(0)) : 0;
        String app = pid != 0 && localClient(window) ? processName(pid) : Foreground.UNKNOWN;
        return new Foreground(Integer.toUnsignedLong(window), app, pid, title(window));
    }

    private boolean localClient(int window) {
        Property machine = property(window, atom("WM_CLIENT_MACHINE"), ANY_TYPE, 64);
        return machine == null || hostName == null || text(machine.value(), false).equals(hostName);
    }

    /** The executable's file name (comm is cut at 15 characters), else comm; "unknown" when the process is gone. */
    String processName(long pid) {
        Path dir = proc.resolve(Long.toString(pid));
        try {
            Path exe = Files.readSymbolicLink(dir.resolve("exe")).getFileName();
            if (exe != null) {
                return exe.toString().replace(" (deleted)", "");
            }
        } catch (IOException | UnsupportedOperationException | SecurityException e) {
            // another user's process without CAP_SYS_PTRACE: comm is world-readable
        }
        try {
            String comm = Files.readString(dir.resolve("comm")).strip();
            return comm.isEmpty() ? Foreground.UNKNOWN : comm;
        } catch (IOException e) {
            return Foreground.UNKNOWN;
        }
    }

    private String title(int window) {
        Property net = property(window, atom("_NET_WM_NAME"), ANY_TYPE, TITLE_WORDS);
        if (net != null && net.value().length > 0) {
            return text(net.value(), true);
        }
        Property wm = property(window, atom("WM_NAME"), ANY_TYPE, TITLE_WORDS);
        return wm == null ? "" : text(wm.value(), false);
    }

    /**
     * EWMH names are UTF-8. ICCCM's WM_NAME of type STRING is Latin-1, but many clients (xdotool among
     * them) put UTF-8 there anyway: UTF-8 when the bytes are valid UTF-8, else Latin-1.
     */
    static String text(byte[] bytes, boolean utf8) {
        if (utf8) {
            return new String(bytes, StandardCharsets.UTF_8);
        }
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            return new String(bytes, StandardCharsets.ISO_8859_1);
        }
    }

    private Optional<Duration> idle() {
        Pointer reply = Libs.SAVER.xcb_screensaver_query_info_reply(conn, Libs.SAVER.xcb_screensaver_query_info(conn, root),
                error.next());
        if (reply == null) {
            return Optional.empty();
        }
        try {
            // xcb_screensaver_query_info_reply_t: ..., saver_window at 8, ms_until_server at 12, ms_since_user_input at 16
            return Optional.of(Duration.ofMillis(Integer.toUnsignedLong(reply.getInt(16))));
        } finally {
            Native.free(Pointer.nativeValue(reply));
        }
    }

    /** A property's raw bytes; null when the window lacks it (or is gone). */
    private record Property(int type, byte[] value) {
        int int32(int index) {
            return ByteBuffer.wrap(value).order(java.nio.ByteOrder.nativeOrder()).getInt(index * 4);
        }
    }

    private Property property(int window, int property, int type, int words) {
        if (property == 0) {
            return null;
        }
        Pointer reply = Libs.XCB.xcb_get_property_reply(conn,
                Libs.XCB.xcb_get_property(conn, (byte) 0, window, property, type, 0, words), error.next());
        if (reply == null) {
            return null;
        }
        try {
            // xcb_get_property_reply_t: format at 1, type at 8, value_len (in format-sized items) at 16, value at 32
            int actualType = reply.getInt(8);
            if (actualType == 0) {
                return null;
            }
            int format = Byte.toUnsignedInt(reply.getByte(1));
            long bytes = Integer.toUnsignedLong(reply.getInt(16)) * Math.max(1, format / 8);
            return new Property(actualType, reply.getByteArray(32, (int) Math.min(bytes, 4L * Math.max(words, 1))));
        } finally {
            Native.free(Pointer.nativeValue(reply));
        }
    }

    /** Atom ids are the server's; 0 (not cached) when it does not know the name, so nothing can carry it. */
    private int atom(String name) {
        Integer known = atoms.get(name);
        if (known != null) {
            return known;
        }
        byte[] bytes = name.getBytes(StandardCharsets.ISO_8859_1);
        Pointer reply = Libs.XCB.xcb_intern_atom_reply(conn,
                Libs.XCB.xcb_intern_atom(conn, (byte) 1, (short) bytes.length, bytes), error.next());
        if (reply == null) {
            return 0;
        }
        try {
            int atom = reply.getInt(8);
            if (atom != 0) {
                atoms.put(name, atom);
            }
            return atom;
        } finally {
            Native.free(Pointer.nativeValue(reply));
        }
    }


    private static String readHostName(Path proc) {
        try {
            return Files.readString(proc.resolve("sys/kernel/hostname")).strip();
        } catch (IOException e) {
            return null; // cannot tell: trust WM_CLIENT_MACHINE-less and -ful clients alike
        }
    }

    @Override
    public void close() {
        error.clear();
        atoms.clear(); // atom ids mean nothing on another server
        if (conn != null) {
            Libs.XCB.xcb_disconnect(conn);
            conn = null;
        }
    }
}
