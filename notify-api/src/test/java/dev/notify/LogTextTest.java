package dev.notify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(10)
@DisplayName("LogText makes client text safe to log")
class LogTextTest {

    @Test
    @DisplayName("line breaks, tabs, backslashes and other controls are escaped; printable text is kept")
    void escapes() {
        assertThat(LogText.of("a\nb\rc\td\\e")).isEqualTo("a\\nb\\rc\\td\\\\e");
        assertThat(LogText.of("\u001b[2J\u0000\u007f\u0085")).isEqualTo("\\u001b[2J\\u0000\\u007f\\u0085");
        assertThat(LogText.of("x\u2028y\u2029z\u202eevil\u200b")).isEqualTo("x\\u2028y\\u2029z\\u202eevil\\u200b");
        assertThat(LogText.of("Grüße, 日本, 😀 {\"a\": 1}")).isEqualTo("Grüße, 日本, 😀 {\"a\": 1}");
        assertThat(LogText.of(null)).isEqualTo("null");
    }

    @Test
    @DisplayName("long values are cut, never inside a character, and say how much was left out")
    void cuts() {
        assertThat(LogText.of("x".repeat(1_000_000))).isEqualTo("x".repeat(200) + "... (999800 more characters)");
        assertThat(LogText.of("abcdef", 3)).isEqualTo("abc... (3 more characters)");
        assertThat(LogText.of("ab😀cd", 3)).isEqualTo("ab... (4 more characters)");
        assertThat(LogText.of("abc", 3)).isEqualTo("abc");
        assertThatThrownBy(() -> LogText.of("a", -1)).hasMessage("maxLength must be >= 0 but was -1");
    }
}
