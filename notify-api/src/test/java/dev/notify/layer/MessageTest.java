package dev.notify.layer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 10, unit = TimeUnit.SECONDS)
class MessageTest {

    @Test
    void holdsTypeAndPortableValues() {
        Message m = Message.builder("send.notification").put("value", "hi").put("n", 3).put("b", new byte[] {1}).build();
        assertThat(m.type()).isEqualTo("send.notification");
        assertThat(m.getString("value")).isEqualTo("hi");
        assertThat(m.getNumber("n")).isEqualTo(3);
        assertThat(m.asMap()).containsOnlyKeys("type", "value", "n", "b");
    }

    @Test
    void refusesUnportableValuesNamingTheKeyPath() {
        Map<String, Object> nested = new HashMap<>();
        nested.put("items", List.of(1, 2, Optional.empty()));
        assertThatThrownBy(() -> Message.builder("t").put("payload", nested))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("payload.items[2]")
                .hasMessageContaining("java.util.Optional");
        assertThatThrownBy(() -> Message.builder("t").put("m", Map.of(1, "x")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("non-string key");
        assertThatThrownBy(() -> Message.builder("t").put("big", BigInteger.ONE.shiftLeft(64)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("64-bit");
    }

    @Test
    void refusesReservedKeysAndBlankTypes() {
        assertThatThrownBy(() -> Message.builder("t").put("__asgi_channel__", "x"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("reserved");
        assertThatThrownBy(() -> Message.builder(" ")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Message.fromMap(Map.of("value", 1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'type'");
    }

    @Test
    void isImmutableAndCopiesItsInput() {
        List<Object> list = new ArrayList<>(List.of(1));
        byte[] bytes = {1, 2};
        Message m = Message.builder("t").put("list", list).put("bytes", bytes).build();
        list.add(2);
        bytes[0] = 9;
        assertThat(m.get("list")).isEqualTo(List.of(1));
        assertThat((byte[]) m.get("bytes")).containsExactly(1, 2);
        assertThatThrownBy(() -> ((List<Object>) m.asMap().get("list")).add(3)).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> m.asMap().put("x", 1)).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void equalityComparesContentsIncludingBytes() {
        Message a = Message.builder("t").put("b", new byte[] {1, 2}).put("l", List.of("x")).build();
        Message b = Message.fromMap(Map.of("type", "t", "b", new byte[] {1, 2}, "l", List.of("x")));
        assertThat(a).isEqualTo(b).hasSameHashCodeAs(b);
        assertThat(a).isNotEqualTo(Message.builder("t").put("b", new byte[] {1, 3}).put("l", List.of("x")).build());
        assertThat(a.toString()).contains("bytes[2]");
    }

    @Test
    void integersCompareByValueWhateverTheirWidth() {
        assertThat(Message.of("t", "n", 5)).isEqualTo(Message.of("t", "n", 5L)).isEqualTo(Message.of("t", "n", BigInteger.valueOf(5)));
        assertThat(Message.of("t", "n", 1.5f)).isEqualTo(Message.of("t", "n", 1.5d));
        assertThat(Message.of("t", "n", 5)).isNotEqualTo(Message.of("t", "n", 5.0)).isNotEqualTo(Message.of("t", "n", 6L));
    }

    @Test
    void wrongTypedGetterSaysWhatTheValueIs() {
        Message m = Message.of("t", "n", 1);
        assertThatThrownBy(() -> m.getString("n")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("java.lang.Integer");
    }
}
