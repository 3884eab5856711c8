package dev.notify.netty;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.ConnectException;
import java.net.Socket;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 60, unit = TimeUnit.SECONDS)
@DisplayName("NotifyServer shuts down gracefully")
class NotifyServerShutdownTest {

    @Test
    @DisplayName("every WebSocket gets 1001, consumers run their disconnect hooks and leave their groups, and a request in flight finishes")
    void graceful() throws Exception {
        TestApp app = new TestApp();
        List<WsClient> clients = new ArrayList<>();
        try {
            for (int i = 0; i < 20; i++) {
                clients.add(WsClient.connect(app.http, app.ws("/ws/group/everyone/")));
            }
            assertThat(app.layer.members("everyone")).hasSize(20);
            CompletableFuture<HttpResponse<String>> slow = app.http.sendAsync(
                    HttpRequest.newBuilder(app.uri("/slow")).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(app.slowRequestEntered.await(5, TimeUnit.SECONDS)).isTrue();

            CompletableFuture<Void> closed = app.server.closeAsync().toCompletableFuture();
            for (WsClient client : clients) {
                assertThat(client.awaitClose()).isEqualTo(1001);
            }
            for (int i = 0; i < 20; i++) {
                assertThat(app.awaitDisconnect().status().code()).isEqualTo(1001);
            }
            Await.until("every consumer left the group", () -> app.layer.members("everyone").isEmpty());
            assertThat(closed).isNotDone(); // the request in flight holds the shutdown open

            app.releaseSlowRequest.countDown();
            HttpResponse<String> response = slow.get(5, TimeUnit.SECONDS);
            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.body()).isEqualTo("slow done");
            closed.get(5, TimeUnit.SECONDS);
            assertThatThrownBy(() -> new Socket("127.0.0.1", app.port).close()).isInstanceOf(ConnectException.class);
        } finally {
            clients.forEach(WsClient::close);
            app.close();
        }
    }

    @Test
    @DisplayName("after the grace period the remaining connections are closed and the shutdown completes")
    void gracePeriodEnds() throws Exception {
        TestApp app = new TestApp(o -> o.shutdownGrace(Duration.ofMillis(300)));
        try {
            CompletableFuture<HttpResponse<String>> stuck = app.http.sendAsync(
                    HttpRequest.newBuilder(app.uri("/slow")).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(app.slowRequestEntered.await(5, TimeUnit.SECONDS)).isTrue();
            long started = System.nanoTime();
            app.server.closeAsync().toCompletableFuture().get(5, TimeUnit.SECONDS);
            assertThat(Duration.ofNanos(System.nanoTime() - started)).isGreaterThanOrEqualTo(Duration.ofMillis(300));
            assertThatThrownBy(() -> stuck.get(5, TimeUnit.SECONDS)).isInstanceOf(ExecutionException.class)
                    .cause().isInstanceOf(IOException.class);
        } finally {
            app.close();
        }
    }
}
