package dev.notify.netty;

import static dev.notify.tck.Await.awaitCondition;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.ConnectException;
import java.net.Socket;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.net.URI;
import java.net.http.HttpClient;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 120, unit = TimeUnit.SECONDS)
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
            awaitCondition("every consumer left the group", () -> app.layer.members("everyone").isEmpty());
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

    @Test
    @DisplayName("SIGTERM to an application blocked in awaitShutdown() closes its WebSockets with 1001, and its main finishes")
    void sigterm() throws Exception {
        try (ChildJvm app = ChildJvm.start(List.of("-cp", ChildJvm.testClassPath(), ShutdownHookApp.class.getName()),
                Map.of("NOTIFY_LAYER", "inmemory", "NOTIFY_SERVER_PORT", "0", "NOTIFY_SERVER_SHUTDOWN_GRACE", "5s"))) {
            int port = Integer.parseInt(app.awaitLine("listening ").substring("listening ".length()));
            try (WsClient client = WsClient.connect(HttpClient.newHttpClient(), URI.create("ws://127.0.0.1:" + port + "/ws/"))) {
                app.awaitLine("connected");

                app.terminate();

                assertThat(client.awaitClose()).isEqualTo(1001);
                assertThat(app.awaitLine("disconnected ")).isEqualTo("disconnected 1001");
                assertThat(app.awaitLine("layer ")).as("the layer the server made from configuration").isEqualTo("layer closed");
                app.awaitLine("main finished");
                assertThat(app.awaitExit(Duration.ofSeconds(30))).isEqualTo(143); // 128 + SIGTERM
            }
        }
    }

    @Test
    @DisplayName("a server built with closeOnJvmShutdown(false) leaves SIGTERM to its container: no 1001 and no disconnect hook from a hook of its own")
    void withoutShutdownHook() throws Exception {
        try (ChildJvm app = ChildJvm.start(List.of("-cp", ChildJvm.testClassPath(), ShutdownHookApp.class.getName(), "without-hook"),
                Map.of("NOTIFY_LAYER", "inmemory", "NOTIFY_SERVER_PORT", "0", "NOTIFY_SERVER_SHUTDOWN_GRACE", "5s"))) {
            int port = Integer.parseInt(app.awaitLine("listening ").substring("listening ".length()));
            try (WsClient client = WsClient.connect(HttpClient.newHttpClient(), URI.create("ws://127.0.0.1:" + port + "/ws/"))) {
                app.awaitLine("connected");

                app.terminate();

                assertThat(app.awaitExit(Duration.ofSeconds(30))).isEqualTo(143);
                Integer code = null;
                try {
                    code = client.awaitClose();
                } catch (RuntimeException dropped) {
                    // the connection ended without a close frame, as it should
                }
                assertThat(code).as("a close frame from a shutdown hook").isNotEqualTo(1001);
                assertThatThrownBy(() -> app.awaitLine("disconnected ")).isInstanceOf(AssertionError.class)
                        .hasMessageContaining("before the process exited");
            }
        }
    }

    @Test
    @DisplayName("awaitShutdown() returns once another thread closed the server, and refuses a server never started")
    void awaitShutdown() throws Exception {
        TestApp app = new TestApp();
        CompletableFuture<Void> awaited = CompletableFuture.runAsync(() -> {
            try {
                app.server.awaitShutdown();
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        });
        try {
            app.server.close();
            awaited.get(10, TimeUnit.SECONDS);
            app.server.awaitShutdown(); // already closed: returns at once
        } finally {
            app.close();
        }
        try (NotifyServer idle = NotifyServer.builder().router(dev.notify.core.routing.Router.builder().build())
                .layer(app.layer).build()) {
            assertThatThrownBy(idle::awaitShutdown).isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("call start() before awaitShutdown()");
        }
    }

    @Test
    @DisplayName("an interrupted awaitShutdown() throws InterruptedException and leaves the server running")
    void interrupted() throws Exception {
        TestApp app = new TestApp();
        try {
            CompletableFuture<Throwable> outcome = new CompletableFuture<>();
            Thread waiter = new Thread(() -> {
                try {
                    app.server.awaitShutdown();
                    outcome.complete(null);
                } catch (Throwable e) {
                    outcome.complete(e);
                }
            });
            waiter.start();
            awaitCondition("the waiter blocks", () -> waiter.getState() == Thread.State.WAITING);
            waiter.interrupt();
            assertThat(outcome.get(10, TimeUnit.SECONDS)).isInstanceOf(InterruptedException.class);
            try (WsClient client = WsClient.connect(app.http, app.ws("/ws/echo/"))) {
                client.send("still serving");
                assertThat(client.receive()).isEqualTo("still serving");
            }
        } finally {
            app.close();
        }
    }
}
