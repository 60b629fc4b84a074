package dev.sessionrecorder.core.display;

import com.sun.jna.Library;
import com.sun.jna.Native;
import com.sun.jna.Pointer;
import com.sun.jna.Structure;
import com.sun.jna.ptr.IntByReference;
import com.sun.jna.ptr.PointerByReference;
import java.io.IOException;

/**
 * libxcb's core calls, and opening a connection to an X display, for everything that reads the display
 * (its layout here, the focused window and idle time in the activity package). xcb, not Xlib: Xlib's
 * I/O error handler exits the process when the X server goes away, and a recorder must outlive its
 * display. xcb cookies are one-uint structs, which x86-64 System V passes in a register like an int, so
 * they are mapped as int.
 */
public final class XcbConnection {
    /** The core protocol requests used here; extensions are declared where they are used. */
    public interface Xcb extends Library {
        Pointer xcb_connect(String displayName, IntByReference screen);

        int xcb_connection_has_error(Pointer c);

        void xcb_disconnect(Pointer c);

        Pointer xcb_get_setup(Pointer c);

        ScreenIterator.ByValue xcb_setup_roots_iterator(Pointer setup);

        void xcb_screen_next(ScreenIterator iterator);

        /** Cached by xcb, never freed by the caller; {@code present} is the byte at offset 8. */
        Pointer xcb_get_extension_data(Pointer c, Pointer extension);

        int xcb_get_geometry(Pointer c, int drawable);

        Pointer xcb_get_geometry_reply(Pointer c, int cookie, PointerByReference error);

        int xcb_get_atom_name(Pointer c, int atom);

        Pointer xcb_get_atom_name_reply(Pointer c, int cookie, PointerByReference error);

        int xcb_intern_atom(Pointer c, byte onlyIfExists, short nameLength, byte[] name);

        Pointer xcb_intern_atom_reply(Pointer c, int cookie, PointerByReference error);

        int xcb_get_property(Pointer c, byte delete, int window, int property, int type, int longOffset, int longLength);

        Pointer xcb_get_property_reply(Pointer c, int cookie, PointerByReference error);

        int xcb_get_input_focus(Pointer c);

        Pointer xcb_get_input_focus_reply(Pointer c, int cookie, PointerByReference error);

        int xcb_query_tree(Pointer c, int window);

        Pointer xcb_query_tree_reply(Pointer c, int cookie, PointerByReference error);

        int xcb_query_pointer(Pointer c, int window);

        Pointer xcb_query_pointer_reply(Pointer c, int cookie, PointerByReference error);
    }

    /** {@code xcb_screen_iterator_t}: the screen, how many remain, its index. */
    @Structure.FieldOrder({"data", "rem", "index"})
    public static class ScreenIterator extends Structure {
        public Pointer data;
        public int rem;
        public int index;

        public static class ByValue extends ScreenIterator implements Structure.ByValue {}
    }

    /** Loaded on first use, so merely naming this class never needs libxcb (Windows). */
    private static final class Holder {
        static final Xcb XCB = Native.load("xcb", Xcb.class);
    }

    /** An open connection and the root window of its screen. */
    public record Opened(Pointer conn, int root) {}

    private XcbConnection() {}

    public static Xcb xcb() {
        return Holder.XCB;
    }

    /**
     * Where xcb puts the X error of a failed request. xcb mallocs the error and the caller must free it;
     * {@link #next} frees the previous one (one slot per reader, used by one thread), {@link #clear} the last.
     */
    public static final class ErrorSlot {
        private final PointerByReference error = new PointerByReference();

        public PointerByReference next() {
            clear();
            return error;
        }

        public void clear() {
            Pointer previous = error.getValue();
            if (previous != null) {
                Native.free(Pointer.nativeValue(previous));
                error.setValue(null);
            }
        }
    }

    /** Reads a reply xcb malloc'd, then frees it; {@code absent} when the request failed (no reply). */
    public static <T> T read(Pointer reply, java.util.function.Function<Pointer, T> reader, T absent) {
        if (reply == null) {
            return absent;
        }
        try {
            return reader.apply(reply);
        } finally {
            Native.free(Pointer.nativeValue(reply));
        }
    }

    /** Connects to {@code display} and finds its screen's root window; a failed connection is closed, as xcb requires. */
    public static Opened open(String display) throws IOException {
        IntByReference screenNum = new IntByReference();
        Pointer c = xcb().xcb_connect(display, screenNum);
        if (c == null || xcb().xcb_connection_has_error(c) != 0) {
            if (c != null) {
                xcb().xcb_disconnect(c); // xcb requires it even for a failed connection
            }
            throw new IOException("cannot connect to X display " + display);
        }
        ScreenIterator it = xcb().xcb_setup_roots_iterator(xcb().xcb_get_setup(c));
        for (int i = 0; i < screenNum.getValue() && it.rem > 0; i++) {
            xcb().xcb_screen_next(it);
            it.read();
        }
        return new Opened(c, it.data.getInt(0)); // xcb_screen_t starts with its root window id
    }
}
