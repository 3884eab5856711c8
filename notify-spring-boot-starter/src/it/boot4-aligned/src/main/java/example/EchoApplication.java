package example;

import dev.notify.consumer.WebSocketConsumer;
import dev.notify.consumer.WebSocketSession;
import dev.notify.spring.NotifyConsumer;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

@SpringBootApplication
public class EchoApplication {
    public static void main(String[] args) {
        SpringApplication.run(EchoApplication.class, args);
    }

    @NotifyConsumer("/ws/echo/")
    public static class EchoConsumer implements WebSocketConsumer {
        @Override
        public void onText(WebSocketSession session, String text) {
            session.sendText(text);
        }
    }
}
