package dev.sessionrecorder.hooks;

/**
 * The interactive session to record. {@code user} and {@code domain} come from the operating system
 * (WTSQuerySessionInformation on Windows), which the user cannot edit.
 */
public record UserSession(int id, String user, String domain, String source) {}
