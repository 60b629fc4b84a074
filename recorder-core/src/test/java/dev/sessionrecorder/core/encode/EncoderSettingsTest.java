package dev.sessionrecorder.core.encode;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sessionrecorder.core.config.RecorderConfig;
import org.junit.jupiter.api.Test;

class EncoderSettingsTest {
    private static final RecorderConfig.Video VIDEO = new RecorderConfig.Video("auto", 1500, 30, 35, 28, "superfast", 1);

    @Test
    void fragmentedMp4FlushedEverySecondForCrashSafety() {
        EncoderSettings s = EncoderSettings.from(VIDEO, 5, "libopenh264");
        assertThat(s.muxerOptions()).containsEntry("movflags", "frag_keyframe+empty_moov+default_base_moof")
                .containsEntry("frag_duration", "1000000")
                .containsEntry("flush_packets", "1");
        assertThat(s.gopFrames()).isEqualTo(150);
    }

    @Test
    void openh264IsRateControlledWithAQualityFloor() {
        EncoderSettings s = EncoderSettings.from(VIDEO, 5, "libopenh264");
        assertThat(s.bitrateKbps()).isEqualTo(1500);
        assertThat(s.codecOptions()).containsEntry("qmax", "35").containsEntry("threads", "1")
                .doesNotContainKeys("crf", "preset");
        assertThat(s.describe()).containsEntry("b", "1500k").containsEntry("g", "150");
    }

    @Test
    void x264IsConstantQualityAndHoldsNoFramesBack() {
        EncoderSettings s = EncoderSettings.from(VIDEO, 5, "libx264");
        assertThat(s.bitrateKbps()).isZero();
        assertThat(s.codecOptions()).containsEntry("tune", "zerolatency").containsEntry("crf", "28")
                .containsEntry("preset", "superfast").containsEntry("threads", "1").doesNotContainKey("qmax");
        assertThat(s.describe()).doesNotContainKey("b");
    }

    @Test
    void autoPicksWhatThisFfmpegBuildHas() {
        String picked = Encoders.resolve("auto");
        assertThat(picked).isEqualTo(Encoders.available("libx264") ? "libx264" : "libopenh264");
        assertThat(Encoders.available(picked)).isTrue();
        assertThat(Encoders.resolve("libopenh264")).isEqualTo("libopenh264");
    }
}
