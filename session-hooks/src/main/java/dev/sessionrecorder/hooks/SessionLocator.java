package dev.sessionrecorder.hooks;

import java.util.Optional;

/** Finds the session a user is actively working in (not the services session, not a disconnected one). */
@FunctionalInterface
public interface SessionLocator {
    Optional<UserSession> activeSession();
}
