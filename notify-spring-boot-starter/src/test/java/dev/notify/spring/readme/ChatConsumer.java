package dev.notify.spring.readme;

import dev.notify.consumer.WebSocketConsumer;
import dev.notify.consumer.WebSocketSession;
import dev.notify.layer.Message;
import dev.notify.spring.NotifyConsumer;
import java.time.Clock;

@NotifyConsumer("/ws/chat/{room}/")                        // found by component scan, one instance per connection
public class ChatConsumer implements WebSocketConsumer {
    private final Clock clock;                             // any bean, through the constructor

    public ChatConsumer(Clock clock) {
        this.clock = clock;
    }

    @Override
    public void onConnect(WebSocketSession session) {
        session.accept();
        session.groupAdd("chat-" + session.scope().routeParameter("room"));   // left again on disconnect
    }

    public void chatMessage(WebSocketSession session, Message message) {     // layer messages of type "chat.message"
        session.sendText(clock.instant() + " " + message.getString("text"));
    }
}
