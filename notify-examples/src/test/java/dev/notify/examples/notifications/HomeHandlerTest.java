package dev.notify.examples.notifications;

import static org.assertj.core.api.Assertions.assertThat;

import dev.notify.consumer.Scope;
import dev.notify.http.HttpRequest;
import dev.notify.http.HttpResponse;
import dev.notify.inmemory.InMemoryChannelLayer;
import dev.notify.layer.ChannelLayer;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 30, unit = TimeUnit.SECONDS)
class HomeHandlerTest {
    private final ChannelLayer layer = InMemoryChannelLayer.create();
    private final HomeHandler home = new HomeHandler(new NotificationGroup(layer));

    @AfterEach
    void close() {
        layer.close();
    }

    private static HttpRequest get(String query) {
        return new HttpRequest("GET", Scope.builder(Scope.Type.HTTP, "/home")
                .query(query, HttpRequest.parseUrlEncoded(query)).build(), new byte[0]);
    }

    @Test
    void sendsCountPayloadsInOrderBeforeAnswering() throws Exception {
        GroupListener group = new GroupListener(layer);

        HttpResponse response = home.handle(get("count=3&delay=0"));

        assertThat(response.status()).isEqualTo(200);
        assertThat(group.nextValue()).isEqualTo("{\"count\": 1}");
        assertThat(group.nextValue()).isEqualTo("{\"count\": 2}");
        assertThat(group.nextValue()).isEqualTo("{\"count\": 3}");
        group.assertNothingElseSent();
    }

    @Test
    void sendsNineLikeTheOriginalByDefault() throws Exception {
        GroupListener group = new GroupListener(layer);

        home.handle(get("delay=0"));

        for (int i = 1; i <= 9; i++) {
            assertThat(group.nextValue()).isEqualTo("{\"count\": " + i + "}");
        }
        assertThat(HomeHandler.DEFAULT_DELAY).isEqualTo(Duration.ofSeconds(2));
    }

    @Test
    void waitsTheDelayBetweenPayloads() throws Exception {
        long start = System.nanoTime();

        home.handle(get("count=3&delay=0.15"));

        assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(300));
    }

    @Test
    void refusesBadParametersWith400() throws Exception {
        assertThat(home.handle(get("count=lots")).status()).isEqualTo(400);
        assertThat(home.handle(get("count=-1")).status()).isEqualTo(400);
        assertThat(home.handle(get("count=100001")).status()).isEqualTo(400);
        assertThat(home.handle(get("delay=soon")).bodyText()).contains("delay must be a number of seconds");
        assertThat(home.handle(get("delay=61")).status()).isEqualTo(400);
    }
}
