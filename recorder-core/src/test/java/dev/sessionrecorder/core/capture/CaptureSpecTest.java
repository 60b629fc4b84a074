package dev.sessionrecorder.core.capture;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sessionrecorder.core.display.Rect;
import org.junit.jupiter.api.Test;

class CaptureSpecTest {
    @Test
    void gdigrabCapturesTheMeasuredVirtualDesktopIncludingNegativeOrigin() {
        CaptureSpec s = CaptureSpec.gdigrab(5, new Rect(-1920, -200, 4480, 1440));
        assertThat(s.format()).isEqualTo("gdigrab");
        assertThat(s.input()).isEqualTo("desktop");
        assertThat(s.toFfmpegArgs()).containsExactly("-f", "gdigrab", "-framerate", "5", "-draw_mouse", "1",
                "-offset_x", "-1920", "-offset_y", "-200", "-video_size", "4480x1440", "-i", "desktop");
    }

    @Test
    void x11grabUsesTheDisplay() {
        assertThat(CaptureSpec.x11grab(":7", 10).toFfmpegArgs())
                .containsExactly("-f", "x11grab", "-framerate", "10", "-draw_mouse", "1", "-i", ":7");
    }
}
