package dev.sessionrecorder.hooks;

import dev.sessionrecorder.core.session.SessionMetadata.IdentityField;
import java.util.Map;

/** Collects who and where, each value with its source and whether it can be trusted. */
@FunctionalInterface
public interface IdentitySource {
    Map<String, IdentityField> collect(UserSession session);
}
