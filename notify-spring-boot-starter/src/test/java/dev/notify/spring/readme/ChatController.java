package dev.notify.spring.readme;

import dev.notify.layer.BlockingChannelLayer;
import dev.notify.layer.ChannelLayer;
import dev.notify.layer.Message;
import java.time.Duration;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

@RestController
public class ChatController {
    private final BlockingChannelLayer layer;

    public ChatController(ChannelLayer layer) {            // the layer notify.layer names
        this.layer = layer.blocking(Duration.ofSeconds(5));
    }

    @PostMapping("/rooms/{room}/messages")
    public void post(@PathVariable("room") String room, @RequestBody String text) {
        layer.groupSend("chat-" + room, Message.of("chat.message", "text", text));
    }

    @Scheduled(fixedRate = 60_000)                         // with @EnableScheduling
    public void announce() {
        layer.groupSend("chat-lobby", Message.of("chat.message", "text", "still here"));
    }
}
