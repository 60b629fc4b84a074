package dev.sessionrecorder.core.display;

/** One monitor of the virtual desktop. */
public record Monitor(String name, Rect bounds, boolean primary) {}
