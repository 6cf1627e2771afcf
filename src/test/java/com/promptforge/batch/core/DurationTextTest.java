package com.promptforge.batch.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class DurationTextTest {

    @Test
    void saysDurationsTheWayAReaderSaysThem() {
        assertThat(DurationText.spoken(Duration.ofMillis(850))).isEqualTo("850 ms");
        assertThat(DurationText.spoken(Duration.ofMillis(4_200))).isEqualTo("4.2 s");
        assertThat(DurationText.spoken(Duration.ofSeconds(42))).isEqualTo("42 s");
        assertThat(DurationText.spoken(Duration.ofSeconds(72))).isEqualTo("1 min 12 s");
        assertThat(DurationText.spoken(Duration.ofMinutes(123))).isEqualTo("2 h 3 min");
    }

    @Test
    void printsDurationsShortForTheConsole() {
        assertThat(DurationText.compact(Duration.ofMillis(850))).isEqualTo("850 ms");
        assertThat(DurationText.compact(Duration.ofMillis(12_345))).isEqualTo(String.format("%.1f s", 12.3));
        assertThat(DurationText.compact(Duration.ofSeconds(245))).isEqualTo("4m05s");
        assertThat(DurationText.compact(Duration.ofMinutes(123))).isEqualTo("2h03m");
    }
}
