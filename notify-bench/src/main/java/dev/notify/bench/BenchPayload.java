package dev.notify.bench;

import io.netty.buffer.ByteBuf;
import java.nio.charset.StandardCharsets;
import java.time.Instant;

/**
 * The text every server sends for burst message {@code i}: {@code {"count": i, "t": <µs>, "pad": "…"}},
 * padded to a fixed size. {@code t} is the wall clock in microseconds when the server handed the message
 * to its send call, so the client (same host, same clock) measures delivery latency from it. Payloads
 * without {@code t}, such as the example app's {@code {"count": i}}, are parsed too.
 */
public final class BenchPayload {
    /** The echo reply of every server, as the example app's consumer answers. */
    public static final String DATA_RECEIVED = "{\"status\": \"Data received!\"}";
    /** The group the burst goes to, as in the example app. */
    public static final String GROUP = "test_consumer_group";
    /** The default payload size in bytes. */
    public static final int DEFAULT_SIZE = 100;

    private static final byte[] COUNT_KEY = "\"count\":".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] TIME_KEY = "\"t\":".getBytes(StandardCharsets.US_ASCII);

    private BenchPayload() {
    }

    /** @return the wall clock in microseconds since the epoch */
    public static long nowMicros() {
        Instant now = Instant.now();
        return now.getEpochSecond() * 1_000_000L + now.getNano() / 1_000;
    }

    /**
     * @param count the message's number in its burst, from 1
     * @param micros the send time from {@link #nowMicros()}
     * @param size the size to pad to; a payload never gets shorter than its fields
     * @return the payload text
     */
    public static String of(int count, long micros, int size) {
        StringBuilder text = new StringBuilder(size).append("{\"count\": ").append(count)
                .append(", \"t\": ").append(micros).append(", \"pad\": \"");
        int padding = size - text.length() - 2;
        for (int i = 0; i < padding; i++) {
            text.append('x');
        }
        return text.append("\"}").toString();
    }

    /**
     * @param text holds a frame's UTF-8 content
     * @param index where the content starts
     * @param length its length
     * @return the {@code count} field, or -1 when there is none
     */
    public static long count(ByteBuf text, int index, int length) {
        return numberAfter(text, index, index + length, COUNT_KEY);
    }

    /**
     * @param text holds a frame's UTF-8 content
     * @param index where the content starts
     * @param length its length
     * @return the {@code t} field, or -1 when there is none
     */
    public static long micros(ByteBuf text, int index, int length) {
        return numberAfter(text, index, index + length, TIME_KEY);
    }

    // a scan without decoding the frame to a String: the client must not be the bottleneck
    private static long numberAfter(ByteBuf text, int from, int to, byte[] key) {
        int end = to - key.length;
        outer:
        for (int i = from; i <= end; i++) {
            for (int j = 0; j < key.length; j++) {
                if (text.getByte(i + j) != key[j]) {
                    continue outer;
                }
            }
            int at = i + key.length;
            while (at < to && text.getByte(at) == ' ') {
                at++;
            }
            long value = 0;
            int digits = 0;
            while (at < to) {
                byte b = text.getByte(at++);
                if (b < '0' || b > '9') {
                    break;
                }
                value = value * 10 + (b - '0');
                digits++;
            }
            return digits == 0 ? -1 : value;
        }
        return -1;
    }
}
