package dev.sessionrecorder.core.display;

import com.sun.jna.Library;
import com.sun.jna.Native;
import com.sun.jna.NativeLibrary;
import com.sun.jna.Pointer;
import com.sun.jna.ptr.PointerByReference;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * X11 layout through xcb and RandR 1.5 monitors. xcb rather than Xlib: Xlib's default I/O error handler
 * calls exit() when the X server goes away (log-off), which would kill the recorder before it drains.
 *
 * <p>xcb request functions return a cookie, a struct of one unsigned int; on x86-64 System V such a
 * struct travels in a register exactly like an int, so it is mapped as int here.
 */
final class XcbTopology implements DisplayTopology {

    interface XcbRandr extends Library {
        int xcb_randr_query_version(Pointer c, int major, int minor);

        Pointer xcb_randr_query_version_reply(Pointer c, int cookie, PointerByReference error);

        int xcb_randr_get_monitors(Pointer c, int window, byte getActive);

        Pointer xcb_randr_get_monitors_reply(Pointer c, int cookie, PointerByReference error);
    }

    private static final class Libs {
        static final XcbConnection.Xcb XCB = XcbConnection.xcb();
        static final XcbRandr RANDR = Native.load("xcb-randr", XcbRandr.class);
    }

    private final String display;
    private final Map<Integer, String> atomNames = new HashMap<>();
    private final XcbConnection.ErrorSlot error = new XcbConnection.ErrorSlot();
    private Pointer conn;
    private int root;
    private boolean randr;

    XcbTopology(String display) {
        this.display = display;
    }

    @Override
    public Topology current() throws TopologyException {
        connect();
        Rect screen = rootGeometry();
        List<Monitor> monitors = randr ? monitors() : List.of();
        if (monitors.isEmpty()) {
            monitors = List.of(new Monitor("screen", screen, true));
        }
        return new Topology(screen, monitors);
    }

    private void connect() throws TopologyException {
        if (conn != null && Libs.XCB.xcb_connection_has_error(conn) == 0) {
            return;
        }
        close();
        try {
            XcbConnection.Opened opened = XcbConnection.open(display);
            conn = opened.conn();
            root = opened.root();
        } catch (java.io.IOException e) {
            throw new TopologyException(e.getMessage());
        }
        randr = queryRandr();
    }

    /**
     * RandR 1.5 is where monitors (including xrandr --setmonitor ones) live; without it we report one
     * monitor. Presence is checked first: xcb closes the whole connection when a request goes to an
     * extension the server lacks.
     */
    private boolean queryRandr() {
        Pointer randrId = NativeLibrary.getInstance("xcb-randr").getGlobalVariableAddress("xcb_randr_id");
        Pointer ext = Libs.XCB.xcb_get_extension_data(conn, randrId);
        if (ext == null || ext.getByte(8) == 0) {
            return false;
        }
        Pointer reply = Libs.RANDR.xcb_randr_query_version_reply(conn,
                Libs.RANDR.xcb_randr_query_version(conn, 1, 5), error.next());
        if (reply == null) {
            return false;
        }
        try {
            int major = reply.getInt(8);
            int minor = reply.getInt(12);
            return major > 1 || (major == 1 && minor >= 5);
        } finally {
            Native.free(Pointer.nativeValue(reply));
        }
    }

    private Rect rootGeometry() throws TopologyException {
        Pointer reply = Libs.XCB.xcb_get_geometry_reply(conn, Libs.XCB.xcb_get_geometry(conn, root), error.next());
        if (reply == null) {
            throw new TopologyException("X display " + display + " did not report its root window size");
        }
        try {
            // xcb_get_geometry_reply_t: ... x (int16) at 12, y at 14, width (uint16) at 16, height at 18
            return new Rect(0, 0, Short.toUnsignedInt(reply.getShort(16)), Short.toUnsignedInt(reply.getShort(18)));
        } finally {
            Native.free(Pointer.nativeValue(reply));
        }
    }

    private List<Monitor> monitors() {
        Pointer reply = Libs.RANDR.xcb_randr_get_monitors_reply(conn,
                Libs.RANDR.xcb_randr_get_monitors(conn, root, (byte) 1), error.next());
        if (reply == null) {
            return List.of();
        }
        try {
            int count = reply.getInt(12);
            List<Monitor> out = new ArrayList<>(count);
            long offset = 32; // after the fixed reply header
            for (int i = 0; i < count; i++) {
                // xcb_randr_monitor_info_t: name atom, primary, automatic, nOutput, x, y, width, height, mm sizes
                int atom = reply.getInt(offset);
                boolean primary = reply.getByte(offset + 4) != 0;
                int outputs = Short.toUnsignedInt(reply.getShort(offset + 6));
                Rect r = new Rect(reply.getShort(offset + 8), reply.getShort(offset + 10),
                        Short.toUnsignedInt(reply.getShort(offset + 12)), Short.toUnsignedInt(reply.getShort(offset + 14)));
                out.add(new Monitor(atomName(atom), r, primary));
                offset += 24 + 4L * outputs;
            }
            return out;
        } finally {
            Native.free(Pointer.nativeValue(reply));
        }
    }

    private String atomName(int atom) {
        String known = atomNames.get(atom);
        if (known != null) {
            return known;
        }
        Pointer reply = Libs.XCB.xcb_get_atom_name_reply(conn, Libs.XCB.xcb_get_atom_name(conn, atom), error.next());
        if (reply == null) {
            return "monitor-" + atom; // not cached: the next poll asks again
        }
        try {
            int len = Short.toUnsignedInt(reply.getShort(8));
            String name = new String(reply.getByteArray(32, len), java.nio.charset.StandardCharsets.ISO_8859_1);
            atomNames.put(atom, name);
            return name;
        } finally {
            Native.free(Pointer.nativeValue(reply));
        }
    }


    @Override
    public void close() {
        error.clear();
        atomNames.clear(); // atom ids mean nothing on another server (log-off, new session on the display)
        if (conn != null) {
            Libs.XCB.xcb_disconnect(conn);
            conn = null;
        }
    }
}
