package dev.sessionrecorder.core.encode;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sessionrecorder.core.config.RecorderConfig;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class EncoderSettingsTest {
    @Test
    void fragmentedMp4FlushedEverySecondForCrashSafety() {
        EncoderSettings s = EncoderSettings.from(new RecorderConfig.Video("libopenh264", 1500, 10, 35, Optional.empty()), 5);
        assertThat(s.muxerOptions()).containsEntry("movflags", "frag_keyframe+empty_moov+default_base_moof")
                .containsEntry("frag_duration", "1000000")
                .containsEntry("flush_packets", "1");
        assertThat(s.gopFrames()).isEqualTo(50);
        assertThat(s.codecOptions()).containsEntry("qmax", "35").doesNotContainKey("crf");
    }

    @Test
    void x264HoldsNoFramesBack() {
        EncoderSettings s = EncoderSettings.from(new RecorderConfig.Video("libx264", 1500, 10, 35, Optional.of(28)), 5);
        assertThat(s.codecOptions()).containsEntry("tune", "zerolatency").containsEntry("crf", "28");
    }
}
