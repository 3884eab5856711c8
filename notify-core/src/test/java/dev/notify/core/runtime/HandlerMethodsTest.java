package dev.notify.core.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.notify.consumer.MessageHandler;
import dev.notify.consumer.WebSocketConsumer;
import dev.notify.consumer.WebSocketSession;
import dev.notify.layer.Message;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 10, unit = TimeUnit.SECONDS)
class HandlerMethodsTest {

    public static class Handlers implements WebSocketConsumer {
        public void sendNotification(WebSocketSession s, Message m) {
        }

        @MessageHandler({"legacy.event", "other"})
        public void handleLegacy(WebSocketSession s, Message m) {
        }

        public void wrongSignature(String s) {
        }
    }

    public static class Broken implements WebSocketConsumer {
        @MessageHandler("x")
        public void bad(Message m) {
        }
    }

    @Test
    void typeBecomesLowerCamelCase() {
        assertThat(HandlerMethods.methodName("send.notification")).isEqualTo("sendNotification");
        assertThat(HandlerMethods.methodName("send_notification")).isEqualTo("sendNotification");
        assertThat(HandlerMethods.methodName("chat.message.new")).isEqualTo("chatMessageNew");
        assertThat(HandlerMethods.methodName("Upper")).isEqualTo("upper");
    }

    @Test
    void findsAnnotatedThenConventionalHandlers() {
        HandlerMethods h = HandlerMethods.of(Handlers.class);
        assertThat(h.find("send.notification")).hasValueSatisfying(m -> assertThat(m.getName()).isEqualTo("sendNotification"));
        assertThat(h.find("send_notification")).isPresent();
        assertThat(h.find("legacy.event")).hasValueSatisfying(m -> assertThat(m.getName()).isEqualTo("handleLegacy"));
        assertThat(h.find("other")).isPresent();
        assertThat(h.find("wrong.signature")).isEmpty();
        assertThat(h.find("_private")).isEmpty();
        assertThat(h.find("unknown.type")).isEmpty();
    }

    @Test
    void refusesAnnotatedMethodsWithTheWrongSignature() {
        assertThatThrownBy(() -> HandlerMethods.of(Broken.class))
                .hasMessageContaining("must take (WebSocketSession, Message)");
    }
}
