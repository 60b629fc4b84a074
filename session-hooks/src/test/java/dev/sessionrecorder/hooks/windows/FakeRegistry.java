package dev.sessionrecorder.hooks.windows;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * A registry that answers as Windows does: typed values as bytes, hives that may not be loaded yet,
 * keys that deny access; every answer goes through the same {@link RegistryValue} decoding as
 * {@link JnaRegistry}, fed with the status codes RegOpenKeyEx and RegQueryValueEx return.
 */
final class FakeRegistry implements Registry {
    static final String SID = "S-1-5-21-1-2-3-1001";

    record Typed(int type, byte[] data) {}

    /** "HKLM" or "HKU\SID\Environment" → name → value. */
    final Map<String, Map<String, Typed>> keys = new HashMap<>();
    final Set<String> loadedHives = new HashSet<>(Set.of(SID));
    final Set<String> deniedKeys = new HashSet<>();
    final Map<String, String> sids = new HashMap<>(Map.of("alice", SID));
    int reads;

    static Typed sz(String s) {
        return new Typed(RegistryValue.REG_SZ, (s + "\0").getBytes(StandardCharsets.UTF_16LE));
    }

    static Typed dword(int v) {
        return new Typed(RegistryValue.REG_DWORD, new byte[] {(byte) v, (byte) (v >> 8), (byte) (v >> 16), (byte) (v >> 24)});
    }

    FakeRegistry machine(String name, String value) {
        keys.computeIfAbsent("HKLM", k -> new HashMap<>()).put(name, sz(value));
        return this;
    }

    FakeRegistry user(String key, String name, Typed value) {
        keys.computeIfAbsent("HKU\\" + SID + "\\" + key, k -> new HashMap<>()).put(name, value);
        return this;
    }

    FakeRegistry user(String name, String value) {
        return user(ENVIRONMENT, name, sz(value));
    }

    @Override
    public RegistryValue machineEnvironment(String name) {
        return read("HKLM", name);
    }

    @Override
    public RegistryValue userValue(String sid, String key, String name) {
        reads++;
        if (!loadedHives.contains(sid)) {
            return RegistryValue.keyNotOpened(WinError.FILE_NOT_FOUND); // HKU\<SID> does not exist until the profile loads
        }
        return read("HKU\\" + sid + "\\" + key, name);
    }

    private RegistryValue read(String key, String name) {
        if (deniedKeys.contains(key)) {
            return RegistryValue.keyNotOpened(WinError.ACCESS_DENIED);
        }
        Map<String, Typed> values = keys.get(key);
        if (values == null) {
            return RegistryValue.keyNotOpened(WinError.FILE_NOT_FOUND);
        }
        Typed v = values.get(name);
        if (v == null) {
            return RegistryValue.decode(WinError.FILE_NOT_FOUND, 0, new byte[0], 0);
        }
        if (v.data().length > RegistryValue.MAX_BYTES) {
            return RegistryValue.decode(WinError.MORE_DATA, v.type(), new byte[RegistryValue.MAX_BYTES], v.data().length);
        }
        return RegistryValue.decode(0, v.type(), v.data(), v.data().length);
    }

    @Override
    public RegistryValue sid(String domain, String user) {
        String sid = sids.get(user);
        return sid != null ? new RegistryValue.Present(sid) : new RegistryValue.Unreadable(1332); // ERROR_NONE_MAPPED
    }
}
