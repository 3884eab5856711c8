package dev.notify.spring;

import static org.assertj.core.api.Assertions.assertThat;

import dev.notify.netty.WsClient;
import dev.notify.spring.rooms.ConnectionLog;
import dev.notify.spring.rooms.RoomsApplication;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

@Timeout(60)
class GracefulShutdownTest {

    @Test
    void closingTheContextClosesEveryWebSocketWith1001WhileTheLayerStillWorks() throws Exception {
        ConfigurableApplicationContext context = new SpringApplicationBuilder(RoomsApplication.class)
                .properties("server.port=0", "notify.server.port=0", "notify.layer=inmemory")
                .run();
        ConnectionLog log = context.getBean(ConnectionLog.class);
        int port = context.getEnvironment().getRequiredProperty(NotifyServerLifecycle.LOCAL_PORT_PROPERTY, Integer.class);
        try (WsClient lobby = WsClient.connect(URI.create("ws://127.0.0.1:" + port + "/ws/rooms/lobby/"));
             WsClient kitchen = WsClient.connect(URI.create("ws://127.0.0.1:" + port + "/ws/rooms/kitchen/"))) {
            lobby.receive();
            kitchen.receive();

            context.close();

            assertThat(lobby.awaitClose()).isEqualTo(1001);
            assertThat(kitchen.awaitClose()).isEqualTo(1001);
        }
        List<String> events = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            events.add(log.events.poll(10, TimeUnit.SECONDS));
        }
        assertThat(events).containsExactlyInAnyOrder("disconnect lobby 1001 layer open", "disconnect kitchen 1001 layer open");
    }
}
