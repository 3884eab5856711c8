package dev.notify.spring;

import static dev.notify.tck.Await.awaitCondition;
import static org.assertj.core.api.Assertions.assertThat;

import dev.notify.netty.WsClient;
import dev.notify.spring.rooms.RoomsApplication;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.net.URI;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The application's MeterRegistry receives notify's meters, and they move as clients come and go. */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class MeterRegistryTest {

    @Test
    void notifyMetersGoToTheApplicationsRegistry() {
        try (ConfigurableApplicationContext context = new SpringApplicationBuilder(RoomsApplication.class, OwnRegistry.class)
                .properties("server.port=0", "notify.server.port=0", "notify.layer=inmemory")
                .run()) {
            MeterRegistry registry = context.getBean(MeterRegistry.class);
            int port = context.getEnvironment().getRequiredProperty("local.notify.server.port", Integer.class);
            assertThat(openWebSockets(registry)).isZero();
            try (WsClient client = WsClient.connect(URI.create("ws://127.0.0.1:" + port + "/ws/rooms/lobby/"))) {
                awaitCondition("the socket is counted", () -> openWebSockets(registry) == 1);
                assertThat(registry.find("notify.websocket.handshakes").tag("outcome", "accepted").functionCounter().count()).isEqualTo(1);
            }
            awaitCondition("the socket is gone", () -> openWebSockets(registry) == 0);
        }
    }

    private static double openWebSockets(MeterRegistry registry) {
        Gauge open = registry.find("notify.connections.open").tag("protocol", "websocket").gauge();
        assertThat(open).as("notify.connections.open in the application's registry").isNotNull();
        return open.value();
    }

    /** The application's own registry, as an application that exports its metrics declares one. */
    @Configuration
    static class OwnRegistry {
        @Bean
        SimpleMeterRegistry meterRegistry() {
            return new SimpleMeterRegistry();
        }
    }
}
