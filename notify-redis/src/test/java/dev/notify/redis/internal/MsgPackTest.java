package dev.notify.redis.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 10, unit = TimeUnit.SECONDS)
class MsgPackTest {
    private static final HexFormat HEX = HexFormat.of();

    @Test
    void encodesTheSeenChannelsRedisExampleByteForByte() {
        Map<String, Object> message = new LinkedHashMap<>();
        message.put("type", "x.y");
        message.put("n", 1);
        message.put("f", 1.5);
        message.put("b", new byte[] {0, 1});
        message.put("none", null);
        message.put("l", List.of(1, "a"));
        message.put("t", true);
        // msgpack.packb(that dict, use_bin_type=True) in Python
        assertThat(HEX.formatHex(MsgPack.encode(message)))
                .isEqualTo("87a474797065a3782e79a16e01a166cb3ff8000000000000a162c4020001a46e6f6e65c0a16c9201a161a174c3");
    }

    @Test
    void usesTheSmallestIntegerEncodingsLikeMsgpackPython() {
        List<Object> values = List.of(0, 127, 128, 255, 256, 65535, 65536, 4294967295L, 4294967296L,
                Long.MAX_VALUE, new BigInteger("18446744073709551615"), -1, -32, -33, -128, -129, -32768, -32769,
                Integer.MIN_VALUE, Integer.MIN_VALUE - 1L, Long.MIN_VALUE);
        String python = "dc0015007fcc80ccffcd0100cdffffce00010000ceffffffffcf0000000100000000cf7fffffffffffffff"
                + "cfffffffffffffffffffe0d0dfd080d1ff7fd18000d2ffff7fffd280000000d3ffffffff7fffffffd38000000000000000";
        assertThat(HEX.formatHex(MsgPack.encode(values))).isEqualTo(python);
        assertThat(MsgPack.decode(HEX.parseHex(python))).isEqualTo(List.of(0, 127, 128, 255, 256, 65535, 65536,
                4294967295L, 4294967296L, Long.MAX_VALUE, new BigInteger("18446744073709551615"), -1, -32, -33,
                -128, -129, -32768, -32769, Integer.MIN_VALUE, Integer.MIN_VALUE - 1L, Long.MIN_VALUE));
    }

    @Test
    void roundTripsEveryPortableType() {
        Map<String, Object> nested = new LinkedHashMap<>();
        nested.put("deep", Map.of("list", List.of(1, 2.5, "three", false)));
        nested.put("empty", Map.of());
        List<Object> values = Arrays.asList(null, true, false, (short) 7, (byte) -3, 1.25f, Math.PI, "",
                "a".repeat(31), "b".repeat(32), "é".repeat(200), "z".repeat(70_000), new byte[0],
                new byte[300], new byte[70_000], List.of(), nested, new ArrayList<>(List.of(1, 2, 3, 4, 5, 6, 7, 8,
                9, 10, 11, 12, 13, 14, 15, 16, 17)), BigInteger.valueOf(-5));
        Object decoded = MsgPack.decode(MsgPack.encode(values));
        List<?> list = (List<?>) decoded;
        assertThat(list.get(0)).isNull();
        assertThat(list.get(1)).isEqualTo(true);
        assertThat(list.get(3)).isEqualTo(7);
        assertThat(list.get(4)).isEqualTo(-3);
        assertThat(list.get(5)).isEqualTo(1.25f);
        assertThat(list.get(6)).isEqualTo(Math.PI);
        for (int i = 7; i <= 11; i++) {
            assertThat(list.get(i)).isEqualTo(values.get(i));
        }
        assertThat((byte[]) list.get(12)).isEmpty();
        assertThat((byte[]) list.get(13)).hasSize(300);
        assertThat((byte[]) list.get(14)).hasSize(70_000);
        assertThat(list.get(15)).isEqualTo(List.of());
        assertThat(list.get(16)).isEqualTo(nested);
        assertThat(list.get(17)).isEqualTo(values.get(17));
        assertThat(list.get(18)).isEqualTo(-5);
    }

    @Test
    void writesStringsAsStrAndBytesAsBin() {
        assertThat(HEX.formatHex(MsgPack.encode("hi"))).isEqualTo("a26869");
        assertThat(HEX.formatHex(MsgPack.encode("x".repeat(40))).substring(0, 4)).isEqualTo("d928");
        assertThat(HEX.formatHex(MsgPack.encode(new byte[] {5}))).isEqualTo("c40105");
        assertThat(HEX.formatHex(MsgPack.encode(1.0f))).isEqualTo("ca3f800000");
        assertThat(HEX.formatHex(MsgPack.encode(1.0))).isEqualTo("cb3ff0000000000000");
    }

    @Test
    void refusesValuesMsgpackCannotCarry() {
        assertThatThrownBy(() -> MsgPack.encode(Map.of("when", new java.util.Date())))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("when").hasMessageContaining("Date");
        assertThatThrownBy(() -> MsgPack.encode(BigInteger.ONE.shiftLeft(64)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> MsgPack.encode(Map.of(1, "x"))).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void refusesMalformedInput() {
        assertThatThrownBy(() -> MsgPack.decode(HEX.parseHex("a5616263"))).isInstanceOf(MsgPackException.class)
                .hasMessageContaining("truncated");
        assertThatThrownBy(() -> MsgPack.decode(HEX.parseHex("c1"))).isInstanceOf(MsgPackException.class);
        assertThatThrownBy(() -> MsgPack.decode(HEX.parseHex("d40100"))).isInstanceOf(MsgPackException.class);
        assertThatThrownBy(() -> MsgPack.decode(HEX.parseHex("8101c0"))).isInstanceOf(MsgPackException.class)
                .hasMessageContaining("key");
        assertThatThrownBy(() -> MsgPack.decode(HEX.parseHex("c0c0"))).isInstanceOf(MsgPackException.class);
        assertThatThrownBy(() -> MsgPack.decode(HEX.parseHex("ddffffffff"))).isInstanceOf(MsgPackException.class);
        assertThatThrownBy(() -> MsgPack.decode(new byte[0])).isInstanceOf(MsgPackException.class);
    }
}
