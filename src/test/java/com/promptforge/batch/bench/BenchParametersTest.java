package com.promptforge.batch.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.promptforge.batch.core.BadInputException;
import com.promptforge.batch.job.JobParameterSpec;
import java.util.Map;
import org.junit.jupiter.api.Test;

class BenchParametersTest {

    private static Map<String, Object> resolve(Map<String, String> given) {
        return JobParameterSpec.resolve(BenchCommand.PARAMETERS, given, "bench", "command bench");
    }

    @Test
    void smallMeasuresFiveRoundsByDefault() {
        assertThat(BenchCommand.rounds(resolve(Map.of("size", "small")))).isEqualTo(5);
    }

    @Test
    void fullMeasuresThreeRoundsByDefaultToEndWithinTheHour() {
        assertThat(BenchCommand.rounds(resolve(Map.of("size", "full")))).isEqualTo(3);
    }

    @Test
    void roundsGivenOverrideTheSizesDefault() {
        assertThat(BenchCommand.rounds(resolve(Map.of("size", "full", "rounds", "7")))).isEqualTo(7);
    }

    @Test
    void zeroRoundsAreRefusedWithWhatIsAccepted() {
        assertThatThrownBy(() -> resolve(Map.of("rounds", "0")))
                .isInstanceOf(BadInputException.class)
                .hasMessage("bench: parameter rounds must be a whole number from 1 to 100, got '0'");
    }
}
