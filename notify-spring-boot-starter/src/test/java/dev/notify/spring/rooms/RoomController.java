package dev.notify.spring.rooms;

import dev.notify.layer.BlockingChannelLayer;
import dev.notify.layer.ChannelLayer;
import dev.notify.layer.Message;
import java.time.Duration;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/** Posts a message to a room: the injected layer sends it to the room's group. */
@RestController
public class RoomController {
    private final BlockingChannelLayer layer;

    public RoomController(ChannelLayer layer) {
        this.layer = layer.blocking(Duration.ofSeconds(5));
    }

    static String group(String room) {
        return "room-" + room;
    }

    @PostMapping("/rooms/{room}/messages")
    String post(@PathVariable("room") String room, @RequestBody String text) {
        layer.groupSend(group(room), Message.of("room.message", "text", text));
        return "sent";
    }
}
