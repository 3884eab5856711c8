package dev.notify.netty.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.UnpooledByteBufAllocator;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The frames of fan-out: encoded once per event loop and shared while a burst goes to every connection. */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class OutboundFramesTest {
    private final UnpooledByteBufAllocator alloc = new UnpooledByteBufAllocator(false);

    @Test
    void aTextFrameIsEncodedOnceAndShared() {
        String text = "{\"count\": 1}";
        ByteBuf first = (ByteBuf) OutboundFrames.text(alloc, text, false);
        ByteBuf second = (ByteBuf) OutboundFrames.text(alloc, text, false);
        try {
            assertThat(second.array()).isSameAs(first.array()); // one heap buffer under both
            assertThat(first.getByte(0)).isEqualTo((byte) 0x81); // FIN, text
            assertThat(first.getByte(1)).isEqualTo((byte) text.length());
            assertThat(first.toString(2, first.readableBytes() - 2, StandardCharsets.UTF_8)).isEqualTo(text);
        } finally {
            first.release();
            second.release();
        }
    }

    @Test
    void aBurstWrittenToOneConnectionAfterAnotherIsEncodedAboutOnce() {
        List<String> burst = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            burst.add("{\"count\": " + i + "}");
        }
        List<ByteBuf> firstConnection = new ArrayList<>();
        for (String text : burst) {
            firstConnection.add((ByteBuf) OutboundFrames.text(alloc, text, false));
        }
        int shared = 0;
        for (int i = 0; i < burst.size(); i++) {
            ByteBuf frame = (ByteBuf) OutboundFrames.text(alloc, burst.get(i), false);
            if (frame.array() == firstConnection.get(i).array()) {
                shared++;
            }
            frame.release();
        }
        firstConnection.forEach(ByteBuf::release);
        // two candidate slots per text: with one, about a third of a 100-message burst collided
        assertThat(shared).isGreaterThanOrEqualTo(90);
    }
}
