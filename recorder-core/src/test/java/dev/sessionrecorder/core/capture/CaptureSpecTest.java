package dev.sessionrecorder.core.capture;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class CaptureSpecTest {
    @Test
    void gdigrabCapturesTheWholeVirtualDesktop() {
        CaptureSpec s = CaptureSpec.gdigrab(5);
        assertThat(s.format()).isEqualTo("gdigrab");
        assertThat(s.input()).isEqualTo("desktop");
        assertThat(s.toFfmpegArgs()).containsExactly("-f", "gdigrab", "-framerate", "5", "-draw_mouse", "1", "-i", "desktop");
    }

    @Test
    void x11grabUsesTheDisplay() {
        assertThat(CaptureSpec.x11grab(":7", 10).toFfmpegArgs())
                .containsExactly("-f", "x11grab", "-framerate", "10", "-draw_mouse", "1", "-i", ":7");
    }
}
