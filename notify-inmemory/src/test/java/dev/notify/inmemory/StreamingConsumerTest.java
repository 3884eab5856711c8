package dev.notify.inmemory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.notify.core.routing.Router;
import dev.notify.core.routing.SecurityHeaders;
import dev.notify.http.AsyncHttpConsumer;
import dev.notify.http.HttpRequest;
import dev.notify.http.HttpResponse;
import dev.notify.http.HttpStream;
import dev.notify.http.ServerSentEvent;
import dev.notify.layer.ChannelLayer;
import dev.notify.layer.Message;
import dev.notify.testing.HttpCommunicator;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Streaming HTTP consumers and Server-Sent Events through the runtime, driven by the HttpCommunicator. */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class StreamingConsumerTest {
    private static final Duration WAIT = Duration.ofSeconds(5);

    private final ChannelLayer layer = InMemoryChannelLayer.create();
    private final AtomicInteger disconnects = new AtomicInteger();
    private final List<String> errors = new CopyOnWriteArrayList<>();

    @AfterEach
    void closeLayer() {
        layer.close();
    }

    /** An SSE stream of the group {@code news}: each {@code news.item} becomes an event with an id. */
    public final class NewsStream implements AsyncHttpConsumer {
        private final Duration heartbeat;
        private int id;

        NewsStream(Duration heartbeat) {
            this.heartbeat = heartbeat;
        }

        @Override
        public Set<String> groups() {
            return Set.of("news");
        }

        @Override
        public CompletionStage<Void> onRequest(HttpStream stream, HttpRequest request) {
            id = ServerSentEvent.lastEventId(request).map(Integer::parseInt).orElse(0);
            stream.startEventStream(heartbeat);
            stream.sendEvent(ServerSentEvent.builder().retry(Duration.ofMillis(1500)).comment("resuming after " + id).build());
            return DONE;
        }

        public CompletionStage<Void> newsItem(HttpStream stream, Message message) {
            id++;
            stream.sendEvent(ServerSentEvent.builder().id(Integer.toString(id)).event("news").data(message.getString("text")).build());
            return DONE;
        }

        public CompletionStage<Void> newsEnd(HttpStream stream, Message message) {
            stream.end();
            return DONE;
        }

        public CompletionStage<Void> newsFail(HttpStream stream, Message message) {
            throw new IllegalStateException("no more news");
        }

        @Override
        public CompletionStage<Void> onDisconnect(HttpStream stream) {
            disconnects.incrementAndGet();
            return DONE;
        }

        @Override
        public void onError(HttpStream stream, Throwable error) {
            errors.add(error.getMessage());
        }
    }

    private Router router(Duration heartbeat) {
        return Router.builder()
                .use(SecurityHeaders.defaults())
                .stream("/news/", () -> new NewsStream(heartbeat))
                .stream("/fails/", () -> (stream, request) -> CompletableFuture.failedFuture(new IllegalStateException("boom")))
                .stream("/whole/", () -> (stream, request) -> {
                    stream.respond(HttpResponse.status(400, "need a topic"));
                    return AsyncHttpConsumer.DONE;
                })
                .stream("/twice/", () -> (stream, request) -> {
                    assertThatThrownBy(() -> stream.send("early")).isInstanceOf(IllegalStateException.class)
                            .hasMessageContaining("call start first");
                    stream.start(200, Map.of("Content-Type", "text/plain"));
                    assertThatThrownBy(() -> stream.start(200, Map.of())).isInstanceOf(IllegalStateException.class)
                            .hasMessageContaining("already started");
                    assertThatThrownBy(() -> stream.startEventStream(Duration.ofSeconds(-1)))
                            .isInstanceOf(IllegalArgumentException.class);
                    stream.send("one ");
                    stream.send("two");
                    stream.end();
                    stream.send("dropped");
                    return AsyncHttpConsumer.DONE;
                })
                .get("/plain", request -> HttpResponse.text("plain"))
                .stream("/null/", () -> null)
                .build();
    }

    private void publish(String type, String text) {
        layer.blocking(WAIT).groupSend("news", Message.of(type, "text", text));
    }

    @Test
    void streamsServerSentEventsWithIdsRetryAndMultiLineDataAfterTheMiddlewaresHead() {
        try (var http = HttpCommunicator.create(router(Duration.ZERO), layer);
                var events = http.stream("/news/", Map.of(ServerSentEvent.LAST_EVENT_ID, "41"))) {
            assertThat(events.status()).isEqualTo(200);
            assertThat(events.header("Content-Type")).hasValue(ServerSentEvent.CONTENT_TYPE);
            assertThat(events.header("Cache-Control")).hasValue("no-cache");
            assertThat(events.header("X-Content-Type-Options")).hasValue("nosniff"); // the router's middleware saw the head
            assertThat(events.receiveText()).isEqualTo(": resuming after 41\nretry: 1500\n\n");
            publish("news.item", "first line\nsecond line\r\nthird");
            assertThat(events.receiveText()).isEqualTo("event: news\nid: 42\ndata: first line\ndata: second line\ndata: third\n\n");
            publish("news.item", "");
            assertThat(events.receiveText()).isEqualTo("event: news\nid: 43\ndata:\n\n");
        }
    }

    @Test
    void sendsHeartbeatCommentsWhileTheStreamIsIdle() {
        try (var http = HttpCommunicator.create(router(Duration.ofMillis(50)), layer);
                var events = http.stream("/news/")) {
            assertThat(events.receiveText()).startsWith(": resuming after 0\n");
            assertThat(events.receiveText(WAIT)).isEqualTo(": heartbeat\n\n");
            assertThat(events.receiveText(WAIT)).isEqualTo(": heartbeat\n\n");
        }
    }

    @Test
    void leavesItsGroupsAndDisconnectsOnceWhenTheClientGoesAway() {
        try (var http = HttpCommunicator.create(router(Duration.ZERO), layer)) {
            var events = http.stream("/news/");
            events.receiveText();
            var listener = layer.blocking(WAIT).newChannel("listener");
            layer.blocking(WAIT).groupAdd("news", listener);
            events.disconnect();
            assertThat(disconnects).hasValue(1);
            // the consumer's channel left the group: a group send reaches only the listener, and the stream is silent
            publish("news.item", "after");
            assertThat(layer.blocking(WAIT).receive(listener).getString("text")).isEqualTo("after");
            events.disconnect();
            assertThat(disconnects).hasValue(1);
        }
    }

    @Test
    void endsWhenTheConsumerEndsAndDisconnectsOnce() {
        try (var http = HttpCommunicator.create(router(Duration.ZERO), layer);
                var events = http.stream("/news/")) {
            events.receiveText();
            publish("news.end", "");
            events.awaitEnd(WAIT);
            assertThat(disconnects).hasValue(1);
            assertThatThrownBy(() -> events.receiveText()).isInstanceOf(AssertionError.class).hasMessageContaining("already over");
        }
        assertThat(disconnects).hasValue(1);
    }

    @Test
    void aHandlerThatFailsAfterTheStartCutsTheResponse() {
        try (var http = HttpCommunicator.create(router(Duration.ZERO), layer);
                var events = http.stream("/news/")) {
            events.receiveText();
            publish("news.fail", "");
            events.awaitCut(WAIT);
            assertThat(errors).containsExactly("no more news");
            assertThat(disconnects).hasValue(1);
        }
    }

    @Test
    void anUnknownMessageTypeCutsTheResponse() {
        try (var http = HttpCommunicator.create(router(Duration.ZERO), layer);
                var events = http.stream("/news/")) {
            events.receiveText();
            publish("news.unknown", "");
            events.awaitCut(WAIT);
            assertThat(errors).singleElement().asString().contains("news.unknown");
        }
    }

    @Test
    void answersWholeResponsesWhenTheConsumerFailsOrRespondsOrIsMissingAndForOrdinaryRoutes() {
        try (var http = HttpCommunicator.create(router(Duration.ZERO), layer)) {
            try (var failed = http.stream("/fails/")) {
                assertThat(failed.status()).isEqualTo(500);
                assertThat(failed.receiveText()).contains("Internal Server Error");
                failed.awaitEnd(WAIT);
            }
            try (var whole = http.stream("/whole/")) {
                assertThat(whole.status()).isEqualTo(400);
                assertThat(whole.receiveText()).isEqualTo("need a topic");
                whole.awaitEnd(WAIT);
            }
            try (var plain = http.stream("/plain")) {
                assertThat(plain.status()).isEqualTo(200);
                assertThat(plain.receiveText()).isEqualTo("plain");
                plain.awaitEnd(WAIT);
            }
            try (var noConsumer = http.stream("/null/")) {
                assertThat(noConsumer.status()).isEqualTo(500);
                assertThat(noConsumer.receiveText()).contains("Internal Server Error");
                noConsumer.awaitEnd(WAIT);
            }
            try (var missing = http.stream("/nowhere/")) {
                assertThat(missing.status()).isEqualTo(404);
            }
            // an ordinary request to a streaming route cannot be answered whole
            assertThat(http.get("/news/").status()).isEqualTo(500);
        }
    }

    @Test
    void refusesSendingBeforeTheStartAndStartingTwiceAndDropsWhatComesAfterTheEnd() {
        try (var http = HttpCommunicator.create(router(Duration.ZERO), layer);
                var twice = http.stream("/twice/")) {
            assertThat(twice.status()).isEqualTo(200);
            assertThat(twice.receiveText()).isEqualTo("one ");
            assertThat(twice.receiveText()).isEqualTo("two");
            twice.awaitEnd(WAIT);
        }
    }

    @Test
    void theCommunicatorSaysWhatDidNotHappen() {
        try (var http = HttpCommunicator.create(router(Duration.ZERO), layer);
                var events = http.stream("/news/")) {
            events.receiveText();
            assertThatThrownBy(() -> events.receiveText(Duration.ofMillis(20))).isInstanceOf(AssertionError.class)
                    .hasMessageContaining("no chunk from GET /news/");
            publish("news.item", "x");
            assertThatThrownBy(() -> events.receiveNothing(WAIT)).isInstanceOf(AssertionError.class)
                    .hasMessageContaining("id: 1");
        }
    }
}
