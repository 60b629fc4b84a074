package dev.sessionrecorder.hooks.windows;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Records every Win32 call in order, hands out numbered handles and tracks which are still open; fails
 * a chosen call with a chosen Windows error code, as Windows would.
 */
final class FakeLaunch implements Win32Launch {
    final List<String> calls = new ArrayList<>();
    final List<Long> open = new ArrayList<>();
    /** Text in a call → error code to fail it with (each time it is called). */
    final Map<String, Integer> failures = new HashMap<>();
    /** The handle lists created, by handle. */
    final Map<Long, List<Handle>> handleLists = new HashMap<>();
    long next = 100;

    FakeLaunch failing(String call, int error) {
        failures.put(call, error);
        return this;
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
        return acquire("openForAppend(" + path + ")");
    }

    @Override
    public Handle openNul() {
        return acquire("openNul");
    }

    @Override
    public Handle createHandleList(List<Handle> handles) {
        if (handles.stream().distinct().count() != handles.size()) {
            throw new Win32Exception("UpdateProcThreadAttribute", 87); // ERROR_INVALID_PARAMETER for a repeated handle
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
            StdHandles std, Handle handleList, boolean breakawayFromJob) {
        List<Handle> inherited = handleList == null ? null : handleLists.get(handleList.value());
        for (Handle h : List.of(std.input(), std.output(), std.error())) {
            if (!open.contains(h.value()) || inherited == null || !inherited.contains(h)) {
                throw new AssertionError("std handle " + h.value() + " is not open and in the handle list");
            }
        }
        step("createProcessAsUser(" + token.value() + "," + commandLine + "," + environment.value() + "," + desktop
                + ",std=" + std.input().value() + "/" + std.output().value() + "/" + std.error().value()
                + ",list=" + handleList.value() + (breakawayFromJob ? ",breakaway" : "") + ")");
        return 4242;
    }

    @Override
    public void closeHandle(Handle handle) {
        release("closeHandle(" + handle.value() + ")", handle);
    }
}
