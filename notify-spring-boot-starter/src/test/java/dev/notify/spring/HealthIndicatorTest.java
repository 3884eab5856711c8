package dev.notify.spring;

import static dev.notify.tck.Await.awaitCondition;
import static org.assertj.core.api.Assertions.assertThat;

import dev.notify.inmemory.InMemoryChannelLayer;
import dev.notify.layer.ChannelLayer;
import dev.notify.layer.LayerHealth;
import dev.notify.layer.Message;
import dev.notify.nats.NatsServer;
import dev.notify.redis.RedisServer;
import dev.notify.spring.rooms.RoomsApplication;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Timeout(120)
class HealthIndicatorTest {
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @Test
    void theInMemoryLayerIsUp() throws Exception {
        try (ConfigurableApplicationContext context = start(RoomsApplication.class, "notify.layer=inmemory")) {
            HttpResponse<String> health = health(context);
            assertThat(health.statusCode()).isEqualTo(200);
            assertThat(health.body()).contains("\"status\":\"UP\"", "\"layer\":\"InMemoryChannelLayer\"");
        }
    }

    @Test
    void theIndicatorFollowsWhatTheLayerReports() throws Exception {
        try (ConfigurableApplicationContext context = start(new Class<?>[] {RoomsApplication.class, SwitchableLayerConfiguration.class})) {
            SwitchableLayer layer = context.getBean(SwitchableLayer.class);
            layer.health.set(LayerHealth.down("redis://127.0.0.1:1 unreachable since 12:00:03Z: Connection refused"));
            HttpResponse<String> down = health(context);
            assertThat(down.statusCode()).isEqualTo(503);
            assertThat(down.body()).contains("\"status\":\"DOWN\"", "unreachable since 12:00:03Z: Connection refused");

            layer.health.set(LayerHealth.up("redis://127.0.0.1:1 connected"));
            assertThat(health(context).statusCode()).isEqualTo(200);
        }
    }

    @Test
    void theNatsLayerIsDownWhileNatsIsStopped() throws Exception {
        NatsServer nats = NatsServer.spawn();
        try (ConfigurableApplicationContext context = start(RoomsApplication.class, "notify.layer=nats",
                "notify.nats.url=" + nats.url())) {
            HttpResponse<String> up = health(context);
            assertThat(up.statusCode()).isEqualTo(200);
            assertThat(up.body()).contains("\"status\":\"UP\"", nats.url() + " connected");
            nats.close();
            HttpResponse<String> down = awaitStatus(context, 503);
            assertThat(down.body()).contains("\"status\":\"DOWN\"", nats.url() + "] unreachable since ");
        } finally {
            nats.close();
        }
    }

    @Test
    void theRedisLayerIsDownWhileRedisIsStopped() throws Exception {
        RedisServer redis = RedisServer.spawn();
        try (ConfigurableApplicationContext context = start(RoomsApplication.class, "notify.layer=redis",
                "notify.redis.url=" + redis.uri())) {
            assertThat(health(context).statusCode()).isEqualTo(200);
            redis.close();
            HttpResponse<String> down = awaitStatus(context, 503);
            assertThat(down.body()).contains("\"status\":\"DOWN\"", redis.uri().replace("redis://", "") + " unreachable since ");
        } finally {
            redis.close();
        }
    }

    /** Awaits the health endpoint's {@code status}: the layer notices a lost connection on its own schedule. */
    private static HttpResponse<String> awaitStatus(ConfigurableApplicationContext context, int status) {
        AtomicReference<HttpResponse<String>> last = new AtomicReference<>();
        awaitCondition(() -> "health " + status + "; last answer " + last.get().statusCode() + " " + last.get().body(),
                Duration.ofSeconds(30), () -> {
                    last.set(health(context));
                    return last.get().statusCode() == status;
                });
        return last.get();
    }

    private static ConfigurableApplicationContext start(Class<?> application, String... properties) {
        return start(new Class<?>[] {application}, properties);
    }

    private static ConfigurableApplicationContext start(Class<?>[] sources, String... properties) {
        return new SpringApplicationBuilder(sources)
                .properties("server.port=0", "notify.server.enabled=false", "management.endpoint.health.show-details=always")
                .properties(properties)
                .run();
    }

    private static HttpResponse<String> health(ConfigurableApplicationContext context) throws Exception {
        int port = context.getEnvironment().getRequiredProperty("local.server.port", Integer.class);
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/actuator/health/notify")).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /** A layer whose health the test sets, instead of the auto-configured one. */
    @Configuration
    static class SwitchableLayerConfiguration {
        @Bean
        SwitchableLayer channelLayer() {
            return new SwitchableLayer(InMemoryChannelLayer.create());
        }
    }

    /** An in-memory layer that reports the health the test sets. */
    static final class SwitchableLayer implements ChannelLayer {
        final AtomicReference<LayerHealth> health = new AtomicReference<>(LayerHealth.UP);
        private final ChannelLayer delegate;

        SwitchableLayer(ChannelLayer delegate) {
            this.delegate = delegate;
        }

        @Override
        public LayerHealth health() {
            return health.get();
        }

        @Override
        public CompletionStage<Void> send(String channel, Message message) {
            return delegate.send(channel, message);
        }

        @Override
        public CompletionStage<Message> receive(String channel) {
            return delegate.receive(channel);
        }

        @Override
        public CompletionStage<String> newChannel(String prefix) {
            return delegate.newChannel(prefix);
        }

        @Override
        public CompletionStage<Void> groupAdd(String group, String channel) {
            return delegate.groupAdd(group, channel);
        }

        @Override
        public CompletionStage<Void> groupDiscard(String group, String channel) {
            return delegate.groupDiscard(group, channel);
        }

        @Override
        public CompletionStage<Void> groupSend(String group, Message message) {
            return delegate.groupSend(group, message);
        }

        @Override
        public CompletionStage<Void> flush() {
            return delegate.flush();
        }

        @Override
        public CompletionStage<Void> closeAsync() {
            return delegate.closeAsync();
        }
    }
}
