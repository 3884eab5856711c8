package dev.notify.examples.notifications;

import static org.assertj.core.api.Assertions.assertThat;

import dev.notify.http.ServerSentEvent;
import dev.notify.inmemory.InMemoryChannelLayer;
import dev.notify.layer.ChannelLayer;
import dev.notify.testing.HttpCommunicator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The /events/ consumer through the app's own routes and the HttpCommunicator, with the in-memory layer. */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class EventsConsumerTest {
    private final ChannelLayer layer = InMemoryChannelLayer.create();
    private final HttpCommunicator http = HttpCommunicator.create(
            TestApps.routes(NotificationConsumerTest.wsOnly(List.of()), null), layer);

    @AfterEach
    void close() {
        http.close();
        layer.close();
    }

    @Test
    void sendsEachNotificationAsAnEventWithTheNextId() {
        try (var events = http.stream("/events/")) {
            assertThat(events.status()).isEqualTo(200);
            assertThat(events.header("Content-Type")).hasValue(ServerSentEvent.CONTENT_TYPE);
            NotificationGroup group = new NotificationGroup(layer);
            group.send(Payloads.count(1));
            group.send(Payloads.notification(2, "two\nlines"));
            assertThat(events.receiveText()).isEqualTo("id: 1\ndata: {\"count\": 1}\n\n");
            // the JSON text escapes its line break: one data line, as the WebSocket gets it
            assertThat(events.receiveText()).isEqualTo("id: 2\ndata: {\"count\": 2, \"current_notification\": \"two\\nlines\"}\n\n");
        }
    }

    @Test
    void continuesFromTheLastEventIdAndIgnoresOneItDidNotSend() {
        try (var resumed = http.stream("/events/", Map.of(ServerSentEvent.LAST_EVENT_ID, "41"));
                var garbage = http.stream("/events/", Map.of(ServerSentEvent.LAST_EVENT_ID, "not-a-number"))) {
            assertThat(resumed.status()).isEqualTo(200);
            assertThat(garbage.status()).isEqualTo(200);
            new NotificationGroup(layer).send(Payloads.count(1));
            assertThat(resumed.receiveText()).isEqualTo("id: 42\ndata: {\"count\": 1}\n\n");
            assertThat(garbage.receiveText()).isEqualTo("id: 1\ndata: {\"count\": 1}\n\n");
        }
    }
}
