package dev.notify.examples.spring;

import dev.notify.consumer.AsyncWebSocketConsumer;
import dev.notify.consumer.WebSocketSession;
import dev.notify.core.routing.Middleware;
import dev.notify.core.routing.OriginValidator;
import dev.notify.layer.BlockingChannelLayer;
import dev.notify.layer.ChannelLayer;
import dev.notify.layer.Message;
import dev.notify.spring.NotifyConsumer;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.CompletionStage;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The notification app's real-time half on Spring Boot: the {@code /ws/test/} consumer on the notify
 * server ({@code notify.server.port}) and the {@code /home} burst on Spring MVC ({@code server.port}),
 * joined by the channel layer that {@code notify.layer} names.
 */
@SpringBootApplication
public class NotificationsApplication {
    /** The group every /ws/test/ connection joins, as in the original app. */
    static final String GROUP = "test_consumer_group";

    public static void main(String[] args) {
        SpringApplication.run(NotificationsApplication.class, args);
    }

    /** Browsers may open the WebSocket from these origins' pages only (any port). */
    @Bean
    Middleware allowedOrigins() {
        return OriginValidator.allowing("localhost", "127.0.0.1", "[::1]");
    }

    /** /ws/test/: joins the group, answers every text, forwards each send_notification's value. */
    @NotifyConsumer("/ws/test/")
    public static class TestConsumer implements AsyncWebSocketConsumer {
        @Override
        public Set<String> groups() {
            return Set.of(GROUP);
        }

        @Override
        public CompletionStage<Void> onText(WebSocketSession session, String text) {
            session.sendText("{\"status\": \"Data received!\"}");
            return DONE;
        }

        /** Layer messages of type send_notification. */
        public CompletionStage<Void> sendNotification(WebSocketSession session, Message message) {
            session.sendText(message.getString("value"));
            return DONE;
        }
    }

    /** GET /home?count=9&delay=2: sends {"count": i} for i = 1..count to the group, delay seconds apart. */
    @RestController
    public static class HomeController {
        private final BlockingChannelLayer layer;

        public HomeController(ChannelLayer layer) {
            this.layer = layer.blocking(Duration.ofSeconds(5));
        }

        @GetMapping("/home")
        public ResponseEntity<String> home(@RequestParam(name = "count", defaultValue = "9") int count,
                @RequestParam(name = "delay", defaultValue = "2") double delay) throws InterruptedException {
            if (count < 0 || count > 100_000 || !(delay >= 0 && delay <= 60)) {
                return ResponseEntity.badRequest().body("count must be 0..100000 and delay 0..60 seconds\n");
            }
            for (int i = 1; i <= count; i++) {
                layer.groupSend(GROUP, Message.builder("send_notification").put("value", "{\"count\": " + i + "}").build());
                if (i < count && delay > 0) {
                    Thread.sleep((long) (delay * 1000)); // the pause is the feature, as time.sleep in the original
                }
            }
            return ResponseEntity.ok("sent " + count + " payloads to " + GROUP + "\n");
        }
    }
}
