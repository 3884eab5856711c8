package dev.notify.spring.secure;

import dev.notify.consumer.WebSocketConsumer;
import dev.notify.consumer.WebSocketSession;
import dev.notify.spring.NotifyConsumer;
import java.security.Principal;

/** Tells the client who the connection's user is. */
@NotifyConsumer("/ws/whoami/")
public class WhoAmIConsumer implements WebSocketConsumer {

    @Override
    public void onConnect(WebSocketSession session) {
        session.accept();
        session.sendText(session.scope().user().map(user -> ((Principal) user).getName()).orElse("anonymous"));
    }
}
