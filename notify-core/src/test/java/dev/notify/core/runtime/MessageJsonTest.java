package dev.notify.core.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import dev.notify.core.json.JacksonJsonCodec;
import dev.notify.layer.Message;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Which values share one JSON text: the fields and bodies of messages, never what a consumer may change. */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class MessageJsonTest {
    private final MessageJson memo = new MessageJson(JacksonJsonCodec.create());

    @Test
    void aFieldOfTheMessageBeingHandledIsEncodedOnceForEveryRecipient() {
        Message message = Message.of("send_notification", "value", Map.of("count", 7));
        Object value = message.get("value");

        String first = memo.encode(value, message);
        String second = memo.encode(value, message);

        assertThat(first).isEqualTo("{\"count\":7}");
        assertThat(second).isSameAs(first);
    }

    @Test
    void theWholeBodyOfTheMessageIsSharedToo() {
        Message message = Message.of("chat.message", "text", "hi");

        assertThat(memo.encode(message.asMap(), message)).isSameAs(memo.encode(message.asMap(), message))
                .isEqualTo("{\"type\":\"chat.message\",\"text\":\"hi\"}");
    }

    @Test
    void aValueTheConsumerBuiltIsEncodedEveryTimeSoItsChangesAreSent() {
        Message message = Message.of("send_notification", "value", 1);
        Map<String, Object> own = new LinkedHashMap<>(Map.of("count", 1));

        assertThat(memo.encode(own, message)).isEqualTo("{\"count\":1}");
        own.put("count", 2);
        assertThat(memo.encode(own, message)).isEqualTo("{\"count\":2}");
    }

    @Test
    void anEqualValueOfAnotherMessageGetsItsOwnCorrectText() {
        Message one = Message.of("send_notification", "value", List.of(1, 2));
        Message other = Message.of("send_notification", "value", List.of(1, 2));

        String first = memo.encode(one.get("value"), one);
        String second = memo.encode(other.get("value"), other);

        assertThat(second).isEqualTo(first).isEqualTo("[1,2]");
    }

    @Test
    void withoutAMessageBeingHandledNothingIsShared() {
        Message message = Message.of("send_notification", "value", Map.of("count", 3));
        Object value = message.get("value");

        assertThat(memo.encode(value, null)).isEqualTo("{\"count\":3}").isNotSameAs(memo.encode(value, null));
        assertThat(memo.encode(null, message)).isEqualTo("null");
    }

    @Test
    void aTextLongerThanTheLimitIsCorrectButNotKept() {
        Message message = Message.of("send_notification", "value", "x".repeat(MessageJson.MAX_CHARS));
        Object value = message.get("value");

        String first = memo.encode(value, message);

        assertThat(first).hasSize(MessageJson.MAX_CHARS + 2);
        assertThat(memo.encode(value, message)).isEqualTo(first).isNotSameAs(first);
    }
}
