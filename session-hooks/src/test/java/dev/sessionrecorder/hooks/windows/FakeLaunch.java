package dev.sessionrecorder.hooks.windows;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Records every Win32 call in order, hands out numbered handles and tracks which are still open; fails
 * a chosen call with a chosen Windows error code, as Windows would.
 */
final class FakeLaunch implements Win32Launch {
    final List<String> calls = new ArrayList<>();
    final List<Long> open = new ArrayList<>();
    /** Text in a call → error code to fail it with (each time it is called); the first match wins. */
    final Map<String, Integer> failures = new LinkedHashMap<>();
    /** Handles opened with bInheritHandle TRUE: only these may be in a handle list. */
    final Set<Long> inheritable = new HashSet<>();
    /** The handle lists created, by handle. */
    final Map<Long, List<Handle>> handleLists = new HashMap<>();
    long next = 100;

    FakeLaunch failing(String call, int error) {
        failures.put(call, error);
        return this;
    }

    /**
     * CreateProcessAsUser fails whenever the child would inherit handles, as CreateProcess's documentation
     * allows across sessions ("you cannot inherit handles across sessions"); the code is not documented.
     */
    FakeLaunch refusingInheritedHandles(int error) {
        return failing("list=", error);
    }

    /** A job without JOB_OBJECT_LIMIT_BREAKAWAY_OK: CREATE_BREAKAWAY_FROM_JOB fails with ERROR_ACCESS_DENIED. */
    FakeLaunch forbiddingBreakaway() {
        return failing("breakaway)", WinError.ACCESS_DENIED);
    }

    private Handle acquireInheritable(String call) {
        Handle h = acquire(call);
        inheritable.add(h.value());
        return h;
    }

    private Handle acquire(String call) {
        step(call);
        Handle h = new Handle(next++);
        open.add(h.value());
        return h;
    }

    private void step(String call) {
        calls.add(call);
        failures.forEach((prefix, error) -> {
            if (call.contains(prefix)) {
                throw new Win32Exception(call, error);
            }
        });
    }

    private void release(String call, Handle h) {
        calls.add(call);
        if (!open.remove(h.value())) {
            throw new AssertionError(call + ": not open");
        }
    }

    @Override
    public Handle openProcessToken() {
        return acquire("openProcessToken");
    }

    @Override
    public void enablePrivilege(Handle token, String privilege) {
        step("enablePrivilege(" + token.value() + "," + privilege + ")");
    }

    @Override
    public Handle duplicateAsPrimary(Handle token) {
        return acquire("duplicateAsPrimary(" + token.value() + ")");
    }

    @Override
    public void setSessionId(Handle token, int sessionId) {
        step("setSessionId(" + token.value() + "," + sessionId + ")");
    }

    @Override
    public Handle createEnvironmentBlock(Handle token) {
        return acquire("createEnvironmentBlock(" + token.value() + ")");
    }

    @Override
    public void destroyEnvironmentBlock(Handle environment) {
        release("destroyEnvironmentBlock(" + environment.value() + ")", environment);
    }

    @Override
    public Handle openForAppend(String path) {
        return acquireInheritable("openForAppend(" + path + ")");
    }

    @Override
    public Handle openNul() {
        return acquireInheritable("openNul");
    }

    @Override
    public Handle createHandleList(List<Handle> handles) {
        if (handles.stream().distinct().count() != handles.size()) {
            throw new Win32Exception("UpdateProcThreadAttribute", WinError.INVALID_PARAMETER); // for a repeated handle
        }
        Handle h = acquire("createHandleList(" + handles.stream().map(x -> Long.toString(x.value())).toList() + ")");
        handleLists.put(h.value(), List.copyOf(handles));
        return h;
    }

    @Override
    public void deleteHandleList(Handle list) {
        release("deleteHandleList(" + list.value() + ")", list);
    }

    @Override
    public long createProcessAsUser(Handle token, String commandLine, Handle environment, String workingDir, String desktop,
            Inherited inherited, boolean breakawayFromJob) {
        String inheritance = "inherits nothing";
        if (inherited != null) {
            List<Handle> list = handleLists.get(inherited.handleList().value());
            StdHandles std = inherited.std();
            for (Handle h : List.of(std.input(), std.output(), std.error())) {
                if (!open.contains(h.value()) || list == null || !list.contains(h)) {
                    throw new AssertionError("std handle " + h.value() + " is not open and in the handle list");
                }
            }
            inheritance = "std=" + std.input().value() + "/" + std.output().value() + "/" + std.error().value()
                    + ",list=" + inherited.handleList().value();
            // The handle list must name inheritable handles only; CreateProcess rejects the call otherwise.
            if (!inheritable.containsAll(list.stream().map(Handle::value).toList())) {
                calls.add("createProcessAsUser(non-inheritable handle in " + list + ")");
                throw new Win32Exception("CreateProcessAsUser", WinError.INVALID_PARAMETER);
            }
        }
        step("createProcessAsUser(" + token.value() + "," + commandLine + "," + environment.value() + "," + desktop
                + "," + inheritance + (breakawayFromJob ? ",breakaway" : "") + ")");
        return 4242;
    }

    @Override
    public void closeHandle(Handle handle) {
        release("closeHandle(" + handle.value() + ")", handle);
    }
}
