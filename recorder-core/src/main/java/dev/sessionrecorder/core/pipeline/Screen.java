package dev.sessionrecorder.core.pipeline;

import dev.sessionrecorder.core.capture.CaptureSource;
import dev.sessionrecorder.core.capture.CaptureSpec;
import dev.sessionrecorder.core.display.DisplayTopology;
import dev.sessionrecorder.core.display.SecureDesktop;
import dev.sessionrecorder.core.display.Topology;
import java.util.function.Function;

/**
 * Everything the capture loop knows about the screen: how to measure its layout, whether a secure
 * desktop hides it, how a layout becomes a capture, and how a capture is opened.
 */
public record Screen(DisplayTopology topology, SecureDesktop secureDesktop, Function<Topology, CaptureSpec> captureFor,
                     CaptureSource.Factory sources) {}
