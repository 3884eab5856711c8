package dev.notify.bench.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.handler.codec.CorruptedFrameException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 1, unit = TimeUnit.MINUTES)
class FrameReaderTest {
    // payload lengths on both sides of each header form: 7-bit, 16-bit and 64-bit lengths
    private static final int[] LENGTHS = {0, 1, 100, 125, 126, 127, 300, 65_535, 65_536, 70_000};

    @Test
    @DisplayName("however the reads cut the stream, every frame comes out once, whole and in order")
    void framesSurviveAnySplit() {
        Random random = new Random(12);
        List<String> sent = new ArrayList<>();
        ByteBuf stream = Unpooled.buffer();
        for (int length : LENGTHS) {
            String text = text(random, length);
            sent.add("text:" + text);
            frame(stream, true, 0x1, text.getBytes(StandardCharsets.US_ASCII));
        }
        frame(stream, true, 0x2, new byte[] {1, 2, 3});
        sent.add("other:2");
        frame(stream, true, 0x9, "are you there".getBytes(StandardCharsets.US_ASCII));
        sent.add("ping:are you there");
        frame(stream, true, 0xA, new byte[0]);
        sent.add("other:10");
        frame(stream, false, 0x1, "first half".getBytes(StandardCharsets.US_ASCII));
        sent.add("other:1");
        frame(stream, true, 0x0, "second half".getBytes(StandardCharsets.US_ASCII));
        sent.add("other:0");
        for (int i = 0; i < 50; i++) {
            String text = "{\"count\": " + i + "}";
            sent.add("text:" + text);
            frame(stream, true, 0x1, text.getBytes(StandardCharsets.US_ASCII));
        }
        frame(stream, true, 0x8, new byte[] {0x03, (byte) 0xE8});
        sent.add("close");
        byte[] bytes = new byte[stream.readableBytes()];
        stream.readBytes(bytes);

        for (int seed = 0; seed < 120; seed++) {
            Random cuts = new Random(seed);
            // small reads half of the time, so that headers are cut too
            int largest = seed % 2 == 0 ? 16 : 100_000;
            FrameReader reader = new FrameReader();
            Recorder received = new Recorder();
            for (int at = 0; at < bytes.length; ) {
                int size = Math.min(bytes.length - at, 1 + cuts.nextInt(largest));
                ByteBuf read = seed % 3 == 0 ? Unpooled.directBuffer(size) : Unpooled.buffer(size);
                read.writeBytes(bytes, at, size);
                reader.read(read, received);
                assertThat(read.isReadable()).isFalse();
                read.release();
                at += size;
            }

            assertThat(received.frames).as("seed %d", seed).isEqualTo(sent);
            assertThat(reader.hasPartialFrame()).isFalse();
            reader.release();
        }
    }

    @Test
    @DisplayName("a masked frame from the server is a protocol error")
    void maskedFrameIsRejected() {
        ByteBuf masked = Unpooled.buffer().writeByte(0x81).writeByte(0x80 | 2).writeInt(0x01020304).writeShort(0x4142);

        assertThatThrownBy(() -> new FrameReader().read(masked, new Recorder())).isInstanceOf(CorruptedFrameException.class)
                .hasMessageContaining("masked");
    }

    @Test
    @DisplayName("a frame larger than 16 MiB is a protocol error")
    void hugeFrameIsRejected() {
        ByteBuf huge = Unpooled.buffer().writeByte(0x81).writeByte(127).writeLong(1L << 40);

        assertThatThrownBy(() -> new FrameReader().read(huge, new Recorder())).isInstanceOf(CorruptedFrameException.class)
                .hasMessageContaining("1099511627776 bytes");
    }

    private static String text(Random random, int length) {
        StringBuilder text = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            text.append((char) ('a' + random.nextInt(26)));
        }
        return text.toString();
    }

    private static void frame(ByteBuf out, boolean fin, int opcode, byte[] payload) {
        out.writeByte((fin ? 0x80 : 0) | opcode);
        if (payload.length < 126) {
            out.writeByte(payload.length);
        } else if (payload.length <= 0xFFFF) {
            out.writeByte(126).writeShort(payload.length);
        } else {
            out.writeByte(127).writeLong(payload.length);
        }
        out.writeBytes(payload);
    }

    private static final class Recorder implements FrameReader.FrameSink {
        final List<String> frames = new ArrayList<>();

        @Override
        public void text(ByteBuf buffer, int index, int length) {
            frames.add("text:" + buffer.toString(index, length, StandardCharsets.US_ASCII));
        }

        @Override
        public void close() {
            frames.add("close");
        }

        @Override
        public void ping(ByteBuf buffer, int index, int length) {
            frames.add("ping:" + buffer.toString(index, length, StandardCharsets.US_ASCII));
        }

        @Override
        public void other(int opcode) {
            frames.add("other:" + opcode);
        }
    }
}
