package dev.notify.inmemory;

import static org.assertj.core.api.Assertions.assertThat;

import dev.notify.consumer.AsyncWebSocketConsumer;
import dev.notify.consumer.CloseStatus;
import dev.notify.consumer.WebSocketConsumer;
import dev.notify.consumer.WebSocketSession;
import dev.notify.testing.ConnectResult;
import dev.notify.testing.WebSocketCommunicator;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 60, unit = TimeUnit.SECONDS)
@DisplayName("Sending before accept() accepts the connection first, as daphne does")
class SendBeforeAcceptTest {
    private static final Duration WAIT = Duration.ofSeconds(5);

    @Test
    @DisplayName("a sync consumer that sends in onConnect without accepting is accepted, and the frames arrive in order")
    void sync() {
        try (var ws = WebSocketCommunicator.open(() -> new WebSocketConsumer() {
            @Override
            public void onConnect(WebSocketSession session) {
                session.sendText("first");
                session.sendJson(Map.of("second", true));
                session.accept(); // already open: ignored
                session.sendBinary(new byte[] {3});
            }
        })) {
            ConnectResult result = ws.connect(WAIT);
            assertThat(result.accepted()).isTrue();
            assertThat(result.subprotocol()).isNull();
            assertThat(ws.receiveText(WAIT)).isEqualTo("first");
            assertThat(ws.receiveJson(WAIT)).isEqualTo(Map.of("second", true));
            assertThat(ws.receiveBinary(WAIT)).containsExactly(3);
        }
    }

    @Test
    @DisplayName("an async consumer that sends in onConnect without accepting is accepted")
    void async() {
        try (var ws = WebSocketCommunicator.openAsync(() -> new AsyncWebSocketConsumer() {
            @Override
            public CompletionStage<Void> onConnect(WebSocketSession session) {
                session.sendText("hello");
                return CompletableFuture.completedFuture(null);
            }
        })) {
            assertThat(ws.connect(WAIT).accepted()).isTrue();
            assertThat(ws.receiveText(WAIT)).isEqualTo("hello");
        }
    }

    @Test
    @DisplayName("after a send accepted the connection, reject() closes it with 1008 instead of refusing the handshake")
    void rejectAfterImplicitAccept() {
        try (var ws = WebSocketCommunicator.open(() -> new WebSocketConsumer() {
            @Override
            public void onConnect(WebSocketSession session) {
                session.sendText("sorry");
                session.reject();
            }
        })) {
            assertThat(ws.connect(WAIT).accepted()).isTrue();
            assertThat(ws.receiveText(WAIT)).isEqualTo("sorry");
            assertThat(ws.receiveClose(WAIT)).isEqualTo(CloseStatus.POLICY_VIOLATION);
        }
    }

    @Test
    @DisplayName("a frame sent after a rejection is dropped: the handshake is refused with 403")
    void sendAfterReject() {
        try (var ws = WebSocketCommunicator.open(() -> new WebSocketConsumer() {
            @Override
            public void onConnect(WebSocketSession session) {
                session.reject();
                session.sendText("too late");
            }
        })) {
            ConnectResult result = ws.connect(WAIT);
            assertThat(result.accepted()).isFalse();
            assertThat(result.status()).isEqualTo(403);
        }
    }
}
