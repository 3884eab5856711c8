package dev.notify.inmemory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.notify.consumer.AsyncJsonWebSocketConsumer;
import dev.notify.consumer.CloseStatus;
import dev.notify.consumer.JsonWebSocketConsumer;
import dev.notify.consumer.WebSocketConsumer;
import dev.notify.consumer.WebSocketSession;
import dev.notify.core.routing.OriginValidator;
import dev.notify.core.routing.Router;
import dev.notify.layer.ChannelLayer;
import dev.notify.layer.Message;
import dev.notify.layer.Stages;
import dev.notify.testing.ConnectResult;
import dev.notify.testing.WebSocketCommunicator;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 30, unit = TimeUnit.SECONDS)
class ConsumerHandshakeAndFailureTest {
    private static final Duration WAIT = Duration.ofSeconds(5);

    private final ChannelLayer layer = InMemoryChannelLayer.create();
    private final AtomicBoolean made = new AtomicBoolean();

    @AfterEach
    void close() {
        layer.close();
    }

    private WebSocketCommunicator open(Router router, String path, String... subprotocols) {
        return WebSocketCommunicator.builder(router, path).layer(layer).subprotocols(subprotocols).build();
    }

    private void assertNotMember(String group, String channel) {
        Stages.join(layer.groupSend(group, Message.of("from.group")), WAIT, "groupSend");
        Stages.join(layer.send(channel, Message.of("marker")), WAIT, "send");
        assertThat(Stages.join(layer.receive(channel), WAIT, "receive").type()).as("%s left %s", channel, group).isEqualTo("marker");
    }

    @Test
    void rejectingConsumerFailsTheHandshakeWith403() {
        Router router = Router.builder().websocket("/ws/", () -> new WebSocketConsumer() {
            @Override
            public void onConnect(WebSocketSession session) {
                session.reject();
            }
        }).build();
        try (WebSocketCommunicator ws = open(router, "/ws/")) {
            ConnectResult result = ws.connect(WAIT);
            assertThat(result.accepted()).isFalse();
            assertThat(result.status()).isEqualTo(403);
        }
    }

    @Test
    void unknownPathIsRefusedWith404WithoutMakingAConsumer() {
        Router router = Router.builder().websocket("/ws/", () -> {
            made.set(true);
            return new WebSocketConsumer() { };
        }).build();
        try (WebSocketCommunicator ws = open(router, "/elsewhere/")) {
            assertThat(ws.connect(WAIT).status()).isEqualTo(404);
        }
        assertThat(made).isFalse();
    }

    @Test
    void refusedOriginGets403WithoutMakingAConsumer() {
        Router router = Router.builder().use(OriginValidator.allowing("localhost")).websocket("/ws/", () -> {
            made.set(true);
            return new WebSocketConsumer() { };
        }).build();
        try (WebSocketCommunicator ws = WebSocketCommunicator.builder(router, "/ws/").layer(layer)
                .header("Origin", "http://evil.example").build()) {
            assertThat(ws.connect(WAIT).status()).isEqualTo(403);
        }
        assertThat(made).isFalse();
    }

    @Test
    void acceptsWithAnOfferedSubprotocolAndSeesRouteParameters() {
        AtomicReference<String> room = new AtomicReference<>();
        Router router = Router.builder().websocket("/ws/chat/{room}/", () -> new WebSocketConsumer() {
            @Override
            public void onConnect(WebSocketSession session) {
                room.set(session.scope().routeParameter("room") + "?" + session.scope().queryParameter("token").orElse(""));
                session.accept("v2.chat");
            }
        }).build();
        try (WebSocketCommunicator ws = open(router, "/ws/chat/lobby/?token=abc", "v1.chat", "v2.chat")) {
            ConnectResult result = ws.connect(WAIT);
            assertThat(result.accepted()).isTrue();
            assertThat(result.subprotocol()).isEqualTo("v2.chat");
        }
        assertThat(room).hasValue("lobby?abc");
    }

    @Test
    void acceptingASubprotocolTheClientDidNotOfferFailsTheConnect() {
        Router router = Router.builder().websocket("/ws/", () -> new WebSocketConsumer() {
            @Override
            public void onConnect(WebSocketSession session) {
                session.accept("never.offered");
            }
        }).build();
        try (WebSocketCommunicator ws = open(router, "/ws/", "v1")) {
            assertThat(ws.connect(WAIT).status()).isEqualTo(500);
        }
    }

    @Test
    void throwingHookClosesWith1011AndStillLeavesTheGroups() {
        AtomicReference<String> channel = new AtomicReference<>();
        AtomicReference<Throwable> reported = new AtomicReference<>();
        Router router = Router.builder().websocket("/ws/", () -> new WebSocketConsumer() {
            @Override
            public Set<String> groups() {
                return Set.of("room");
            }

            @Override
            public void onConnect(WebSocketSession session) {
                channel.set(session.channelName());
                session.accept();
            }

            @Override
            public void onText(WebSocketSession session, String text) {
                throw new IllegalStateException("boom");
            }

            @Override
            public void onDisconnect(WebSocketSession session, CloseStatus status) {
                throw new IllegalStateException("disconnect fails too");
            }

            @Override
            public void onError(WebSocketSession session, Throwable error) {
                reported.set(error);
            }
        }).build();
        try (WebSocketCommunicator ws = open(router, "/ws/")) {
            assertThat(ws.connect(WAIT).accepted()).isTrue();
            ws.sendText("x");
            assertThat(ws.receiveClose(WAIT).code()).isEqualTo(1011);
        }
        assertThat(reported.get()).hasMessage("boom");
        assertNotMember("room", channel.get());
    }

    @Test
    void jsonConsumerDecodesTextAndRefusesBadFrames() {
        Router router = Router.builder()
                .websocket("/sync/", () -> (JsonWebSocketConsumer) (session, content) -> session.sendJson(Map.of("got", content)))
                .asyncWebsocket("/async/", () -> (AsyncJsonWebSocketConsumer) (session, content) -> {
                    session.sendJson(List.of(content));
                    return CompletableFuture.completedFuture(null);
                })
                .build();
        try (WebSocketCommunicator ws = open(router, "/sync/")) {
            assertThat(ws.connect(WAIT).accepted()).isTrue();
            ws.sendJson(Map.of("a", 1));
            assertThat(ws.receiveJson(WAIT)).isEqualTo(Map.of("got", Map.of("a", 1)));
            ws.sendText("{not json");
            assertThat(ws.receiveClose(WAIT).code()).isEqualTo(1007);
        }
        try (WebSocketCommunicator ws = open(router, "/async/")) {
            assertThat(ws.connect(WAIT).accepted()).isTrue();
            ws.sendText("\"s\"");
            assertThat(ws.receiveJson(WAIT)).isEqualTo(List.of("s"));
            ws.sendBinary(new byte[] {1});
            assertThat(ws.receiveClose(WAIT).code()).isEqualTo(1003);
        }
    }

    @Test
    void failedAsyncStageClosesWith1011() {
        Router router = Router.builder().asyncWebsocket("/ws/", () -> new dev.notify.consumer.AsyncWebSocketConsumer() {
            @Override
            public CompletionStage<Void> onText(WebSocketSession session, String text) {
                return CompletableFuture.failedFuture(new IllegalStateException("async boom"));
            }
        }).build();
        try (WebSocketCommunicator ws = open(router, "/ws/")) {
            assertThat(ws.connect(WAIT).accepted()).isTrue();
            ws.sendText("x");
            assertThat(ws.receiveClose(WAIT).code()).isEqualTo(1011);
        }
    }

    @Test
    void communicatorSaysWhatItGotInsteadOfWhatWasExpected() {
        Router router = Router.builder().websocket("/ws/", () -> new WebSocketConsumer() {
            @Override
            public void onText(WebSocketSession session, String text) {
                session.sendBinary(new byte[] {1, 2});
            }
        }).build();
        try (WebSocketCommunicator ws = open(router, "/ws/")) {
            assertThat(ws.connect(WAIT).accepted()).isTrue();
            ws.sendText("x");
            assertThatThrownBy(ws::receiveText).isInstanceOf(AssertionError.class).hasMessageContaining("binary frame of 2 bytes");
            assertThatThrownBy(() -> ws.receiveText(Duration.ofMillis(50))).isInstanceOf(AssertionError.class)
                    .hasMessageContaining("timed out after 50 ms");
        }
    }
}
