package dev.notify.bench.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 10, unit = TimeUnit.SECONDS)
class SpreadTest {
    @Test
    void medianOfAnOddCountIsTheMiddleValue() {
        Spread spread = Spread.of(30, 10, 20);

        assertThat(spread.median()).isEqualTo(20);
        assertThat(spread.min()).isEqualTo(10);
        assertThat(spread.max()).isEqualTo(30);
        assertThat(spread.format(0)).isEqualTo("20 (10–30)");
    }

    @Test
    void medianOfAnEvenCountIsTheMeanOfTheMiddleTwo() {
        assertThat(Spread.of(4, 1, 3, 2).median()).isEqualTo(2.5);
    }

    @Test
    void oneValueHasNoRangeAndNoneIsADash() {
        assertThat(Spread.of(1234.5).format(1)).isEqualTo("1,234.5");
        assertThat(Spread.of(List.of()).format(1)).isEqualTo("–");
    }
}
