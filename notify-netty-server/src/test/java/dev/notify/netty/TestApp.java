package dev.notify.netty;

import dev.notify.consumer.AsyncWebSocketConsumer;
import dev.notify.consumer.CloseStatus;
import dev.notify.consumer.WebSocketConsumer;
import dev.notify.consumer.WebSocketSession;
import dev.notify.core.routing.OriginValidator;
import dev.notify.core.routing.Router;
import dev.notify.http.HttpResponse;
import dev.notify.layer.Message;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.UnaryOperator;

/** A server on a free loopback port with the test consumers and handlers, and what they saw. */
final class TestApp implements AutoCloseable {
    /** A consumer's disconnect hook ran. */
    record Disconnect(String path, CloseStatus status) {
    }

    final MembershipLayer layer;
    final BlockingQueue<Disconnect> disconnects = new LinkedBlockingQueue<>();
    final AtomicInteger consumersMade = new AtomicInteger();
    /** Bytes the flood consumer has sent. */
    final AtomicLong flooded = new AtomicLong();
    final CountDownLatch releaseSlowConnect = new CountDownLatch(1);
    final CountDownLatch slowRequestEntered = new CountDownLatch(1);
    final CountDownLatch releaseSlowRequest = new CountDownLatch(1);
    final HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
    final NotifyServer server;
    final int port;

    TestApp() {
        this(UnaryOperator.identity());
    }

    TestApp(UnaryOperator<NotifyServerOptions.Builder> options) {
        this(options, new MembershipLayer());
    }

    /** @param layer the layer, closed with the app */
    TestApp(UnaryOperator<NotifyServerOptions.Builder> options, MembershipLayer layer) {
        this.layer = layer;
        server = NotifyServer.builder().options(options.apply(fastOptions()).build()).router(router()).layer(layer).build();
        port = server.start();
    }

    /** Defaults with short timeouts, so that the suite stays fast. */
    static NotifyServerOptions.Builder fastOptions() {
        return NotifyServerOptions.builder()
                .port(0)
                .ioThreads(2)
                .handshakeTimeout(Duration.ofSeconds(2))
                .idleTimeout(Duration.ofSeconds(2))
                .closeTimeout(Duration.ofSeconds(1))
                .shutdownGrace(Duration.ofSeconds(5));
    }

    URI ws(String path) {
        return URI.create("ws://127.0.0.1:" + port + path);
    }

    URI uri(String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }

    Disconnect awaitDisconnect() throws InterruptedException {
        Disconnect d = disconnects.poll(10, TimeUnit.SECONDS);
        if (d == null) {
            throw new AssertionError("no consumer disconnected within 10 s");
        }
        return d;
    }

    private Router router() {
        return Router.builder()
                .use(OriginValidator.allowing("http://allowed.example"))
                .websocket("/ws/echo/", () -> new Echo(this))
                .asyncWebsocket("/ws/async-echo/", () -> new AsyncEcho(this))
                .websocket("/ws/group/{group}/", () -> new GroupMember(this))
                .websocket("/ws/reject/", () -> new Recording(this) {
                    @Override
                    public void onConnect(WebSocketSession session) {
                        session.reject();
                    }
                })
                .websocket("/ws/subprotocol/", () -> new Recording(this) {
                    @Override
                    public void onConnect(WebSocketSession session) {
                        if (session.scope().subprotocols().contains("v2.notify")) {
                            session.accept("v2.notify");
                        } else {
                            session.accept();
                        }
                    }

                    @Override
                    public void onText(WebSocketSession session, String text) {
                        session.sendText(String.join(",", session.scope().subprotocols()));
                    }
                })
                .websocket("/ws/fail/", () -> new Recording(this) {
                    @Override
                    public void onText(WebSocketSession session, String text) {
                        throw new IllegalStateException("the consumer failed on purpose");
                    }
                })
                .websocket("/ws/flood/", () -> new Recording(this) {
                    @Override
                    public void onText(WebSocketSession session, String text) {
                        // "count size": the same String instance, count times
                        String[] parts = text.split(" ");
                        String payload = "x".repeat(Integer.parseInt(parts[1]));
                        for (int i = 0, n = Integer.parseInt(parts[0]); i < n && session.isOpen(); i++) {
                            session.sendText(payload);
                            flooded.addAndGet(payload.length());
                        }
                    }
                })
                .websocket("/ws/slow-connect/", () -> new Recording(this) {
                    @Override
                    public void onConnect(WebSocketSession session) throws InterruptedException {
                        releaseSlowConnect.await(10, TimeUnit.SECONDS);
                        session.accept();
                    }
                })
                .websocket("/ws/shared/", () -> new Echo(this))
                .get("/ws/shared/", request -> HttpResponse.text("plain HTTP on a shared path"))
                .get("/hello", request -> HttpResponse.text("hello " + request.queryParameter("name").orElse("world")))
                .post("/form", request -> HttpResponse.text("form " + request.formField("a").orElse("?") + " "
                        + request.form().getOrDefault("b", java.util.List.of())))
                .post("/json", request -> HttpResponse.json("{\"got\":" + request.bodyText() + "}"))
                .get("/cookies", request -> HttpResponse.builder(200)
                        .header("Set-Cookie", "seen=yes; Path=/")
                        .body("session=" + request.cookie("session").orElse("none") + " theme=" + request.cookie("theme").orElse("none"))
                        .build())
                .get("/whoami", request -> HttpResponse.text(request.scope().clientAddress().map(a -> a.getAddress().getHostAddress())
                        .orElse("?") + " " + request.header("user-agent").orElse("?")))
                .get("/redirect", request -> HttpResponse.redirect("/hello"))
                .get("/fail", request -> {
                    throw new IllegalStateException("the handler failed on purpose");
                })
                .get("/slow", request -> {
                    slowRequestEntered.countDown();
                    releaseSlowRequest.await(10, TimeUnit.SECONDS);
                    return HttpResponse.text("slow done");
                })
                .get("/items/{id}", request -> HttpResponse.text("item " + request.routeParameter("id")))
                .staticResources("/static/", "static")
                .build();
    }

    @Override
    public void close() {
        releaseSlowConnect.countDown();
        releaseSlowRequest.countDown();
        server.close();
        layer.close();
    }

    /** Records its disconnect. */
    static class Recording implements WebSocketConsumer {
        final TestApp app;

        Recording(TestApp app) {
            this.app = app;
            app.consumersMade.incrementAndGet();
        }

        @Override
        public void onDisconnect(WebSocketSession session, CloseStatus status) {
            app.disconnects.add(new Disconnect(session.scope().path(), status));
        }
    }

    static final class Echo extends Recording {
        Echo(TestApp app) {
            super(app);
        }

        @Override
        public void onText(WebSocketSession session, String text) {
            session.sendText(text);
        }

        @Override
        public void onBinary(WebSocketSession session, byte[] data) {
            session.sendBinary(data);
        }
    }

    static final class AsyncEcho implements AsyncWebSocketConsumer {
        AsyncEcho(TestApp app) {
            app.consumersMade.incrementAndGet();
        }

        @Override
        public CompletionStage<Void> onText(WebSocketSession session, String text) {
            // "thread?" asks whether the hook runs on a Netty event loop, as async hooks should
            session.sendText("thread?".equals(text)
                    ? "event loop: " + (Thread.currentThread() instanceof io.netty.util.concurrent.FastThreadLocalThread)
                    : "async " + text);
            return DONE;
        }
    }

    /** Joins the group named in the path; "say X" sends X to the group; group messages are forwarded. */
    static final class GroupMember extends Recording {
        private String group;

        GroupMember(TestApp app) {
            super(app);
        }

        @Override
        public void onConnect(WebSocketSession session) {
            group = session.scope().routeParameter("group");
            session.groupAdd(group).toCompletableFuture().join();
            session.accept();
        }

        @Override
        public void onText(WebSocketSession session, String text) {
            if (text.startsWith("say ")) {
                session.layer().groupSend(group, Message.of("chat.message", "text", text.substring(4)));
            }
        }

        @Override
        public void onMessage(WebSocketSession session, Message message) {
            session.sendText(message.getString("text"));
        }
    }
}
