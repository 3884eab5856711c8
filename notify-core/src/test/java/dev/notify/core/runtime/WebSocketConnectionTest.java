package dev.notify.core.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.notify.consumer.AsyncWebSocketConsumer;
import dev.notify.consumer.CloseStatus;
import dev.notify.consumer.Scope;
import dev.notify.core.json.JacksonJsonCodec;
import dev.notify.consumer.WebSocketConsumer;
import dev.notify.consumer.WebSocketSession;
import dev.notify.core.routing.Router;
import dev.notify.http.HttpResponse;
import dev.notify.layer.Message;
import dev.notify.layer.Stages;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The lifecycle of one connection in the runtime, over a scripted layer and a recording transport. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class WebSocketConnectionTest {
    private static final Duration WAIT = Duration.ofSeconds(5);
    private static final Set<String> GROUPS = Set.of("news", "alerts");

    private final ScriptedLayer layer = new ScriptedLayer();
    private final ExecutorService blocking = Executors.newFixedThreadPool(4);
    private final ExecutorService async = Executors.newFixedThreadPool(2);

    @AfterEach
    void stop() {
        blocking.shutdownNow();
        async.shutdownNow();
        layer.close();
    }

    private ConsumerRuntime runtime(Router router) {
        return ConsumerRuntime.builder().layer(layer).router(router).executors(blocking, async).build();
    }

    /** What a consumer does when it connects. */
    enum OnConnect {
        ACCEPT, GREET, NOTHING, REJECT, THROW, CLOSE;

        boolean accepts() {
            return this == ACCEPT || this == GREET || this == NOTHING; // a hook that neither accepts nor rejects accepts
        }
    }

    /** A middleware around the consumer, as the fuzzer picks it. */
    enum Around { NONE, LATE, REFUSE_AFTER }

    /**
     * The behaviour of one consumer, shared by the synchronous and the asynchronous flavour: it
     * records its hooks, and whether two of them ever ran at once or one ran after the disconnect.
     */
    static final class Script {
        final OnConnect onConnect;
        final List<String> hooks = Collections.synchronizedList(new ArrayList<>());
        final CompletableFuture<String> channel = new CompletableFuture<>();
        final AtomicInteger running = new AtomicInteger();
        volatile boolean overlapped;
        volatile boolean afterDisconnect;
        volatile Set<String> groupsAtConnect;

        Script(OnConnect onConnect) {
            this.onConnect = onConnect;
        }

        void connect(WebSocketSession session, ScriptedLayer layer) {
            enter("connect");
            try {
                groupsAtConnect = layer.groupsOf(session.channelName());
                channel.complete(session.channelName());
                switch (onConnect) {
                    case ACCEPT -> session.accept();
                    case GREET -> {
                        session.accept();
                        session.sendText("welcome");
                    }
                    case REJECT -> session.reject();
                    case THROW -> throw new IllegalStateException("connect failed on purpose");
                    case CLOSE -> session.close(CloseStatus.of(4001));
                    default -> { }
                }
            } finally {
                running.decrementAndGet();
            }
        }

        void text(WebSocketSession session, String text) {
            enter("text " + text);
            try {
                switch (text) {
                    case "bye" -> session.close(CloseStatus.of(4002));
                    case "boom" -> throw new IllegalStateException("a hook failed on purpose");
                    default -> session.sendText("echo " + text);
                }
            } finally {
                running.decrementAndGet();
            }
        }

        void note(WebSocketSession session, Message message) {
            enter("note " + message.getNumber("n"));
            session.sendText("note " + message.getNumber("n"));
            running.decrementAndGet();
        }

        void disconnect(CloseStatus status) {
            enter("disconnect " + status.code());
            running.decrementAndGet();
        }

        private void enter(String hook) {
            if (hooks.stream().anyMatch(h -> h.startsWith("disconnect"))) {
                afterDisconnect = true;
            }
            hooks.add(hook);
            if (running.incrementAndGet() > 1) {
                overlapped = true;
            }
        }

        long disconnects() {
            return hooks.stream().filter(h -> h.startsWith("disconnect")).count();
        }
    }

    /** The synchronous flavour. */
    final class SyncConsumer implements WebSocketConsumer {
        private final Script script;

        SyncConsumer(Script script) {
            this.script = script;
        }

        @Override
        public Set<String> groups() {
            return GROUPS;
        }

        @Override
        public void onConnect(WebSocketSession session) {
            script.connect(session, layer);
        }

        @Override
        public void onText(WebSocketSession session, String text) {
            script.text(session, text);
        }

        public void note(WebSocketSession session, Message message) {
            script.note(session, message);
        }

        @Override
        public void onDisconnect(WebSocketSession session, CloseStatus status) {
            script.disconnect(status);
        }
    }

    /** The asynchronous flavour; its hooks complete a moment later, on another thread. */
    final class AsyncConsumer implements AsyncWebSocketConsumer {
        private final Script script;

        AsyncConsumer(Script script) {
            this.script = script;
        }

        @Override
        public Set<String> groups() {
            return GROUPS;
        }

        @Override
        public CompletionStage<Void> onConnect(WebSocketSession session) {
            script.connect(session, layer);
            return later();
        }

        @Override
        public CompletionStage<Void> onText(WebSocketSession session, String text) {
            script.text(session, text);
            return later();
        }

        public CompletionStage<Void> note(WebSocketSession session, Message message) {
            script.note(session, message);
            return later();
        }

        @Override
        public CompletionStage<Void> onDisconnect(WebSocketSession session, CloseStatus status) {
            script.disconnect(status);
            return later();
        }

        private CompletionStage<Void> later() {
            return CompletableFuture.runAsync(() -> { }, CompletableFuture.delayedExecutor(1, TimeUnit.MILLISECONDS));
        }
    }

    private Router router(boolean asyncFlavour, Script script) {
        return router(asyncFlavour, script, Around.NONE);
    }

    private Router router(boolean asyncFlavour, Script script, Around around) {
        Router.Builder routes = Router.builder();
        switch (around) {
            case LATE -> routes.use((request, next) -> next.handle(request).thenApplyAsync(response -> response,
                    CompletableFuture.delayedExecutor(1, TimeUnit.MILLISECONDS)));
            case REFUSE_AFTER -> routes.use((request, next) -> next.handle(request).thenApply(response ->
                    response.status() == 101 ? HttpResponse.status(403, "changed my mind") : response));
            default -> { }
        }
        return asyncFlavour
                ? routes.asyncWebsocket("/ws/", () -> new AsyncConsumer(script)).build()
                : routes.websocket("/ws/", () -> new SyncConsumer(script)).build();
    }

    private static void await(CompletionStage<?> stage) {
        Stages.join(stage, WAIT, "the connection to finish");
    }

    @Test
    void anAcceptedConnectionJoinsItsGroupsFirstThenServesFramesAndMessagesAndCleansUpOnClose() throws Exception {
        Script script = new Script(OnConnect.ACCEPT);
        RecordingTransport client = RecordingTransport.open(runtime(router(false, script)), "/ws/");
        assertThat(client.next()).isEqualTo("accept");
        String channel = script.channel.get(5, TimeUnit.SECONDS);
        assertThat(script.groupsAtConnect).as("groups joined before onConnect").isEqualTo(GROUPS);

        client.handle().text("hi");
        assertThat(client.next()).isEqualTo("text echo hi");
        await(layer.send(channel, Message.of("note", "n", 1)));
        assertThat(client.next()).isEqualTo("text note 1");

        await(client.end(CloseStatus.of(4000)));
        assertThat(script.hooks).containsExactly("connect", "text hi", "note 1", "disconnect 4000");
        assertThat(layer.groupsOf(channel)).as("groups left").isEmpty();
        assertThat(layer.waitingReceives()).as("the pending receive is cancelled").isZero();
    }

    @Test
    void anUnknownPathIsRefusedWith404WithoutMakingAConsumer() throws Exception {
        AtomicInteger made = new AtomicInteger();
        Router router = Router.builder().websocket("/ws/", () -> {
            made.incrementAndGet();
            return new WebSocketConsumer() { };
        }).build();
        RecordingTransport client = RecordingTransport.open(runtime(router), "/elsewhere/");
        assertThat(client.next()).isEqualTo("reject 404");
        await(client.finished());
        assertThat(made).hasValue(0);
    }

    @Test
    void aMiddlewareRefusalRejectsWithItsStatusBeforeAConsumerIsMade() throws Exception {
        AtomicInteger made = new AtomicInteger();
        Router router = Router.builder()
                .use((request, next) -> CompletableFuture.completedFuture(HttpResponse.status(401, "who are you")))
                .websocket("/ws/", () -> {
                    made.incrementAndGet();
                    return new WebSocketConsumer() { };
                }).build();
        RecordingTransport client = RecordingTransport.open(runtime(router), "/ws/");
        assertThat(client.next()).isEqualTo("reject 401");
        await(client.finished());
        assertThat(made).hasValue(0);
    }

    @Test
    void middlewareSeesTheAcceptAsA101WithItsSubprotocolAndItsHeadersGoOutWithTheHandshake() throws Exception {
        List<HttpResponse> seen = new ArrayList<>();
        Router router = Router.builder()
                .use((request, next) -> next.handle(request).thenApply(response -> {
                    seen.add(response);
                    return response.toBuilder().header("Set-Cookie", "sessionid=abc").build();
                }))
                .websocket("/ws/", () -> new WebSocketConsumer() {
                    @Override
                    public void onConnect(WebSocketSession session) {
                        session.accept("chat");
                    }
                }).build();
        RecordingTransport client = RecordingTransport.open(runtime(router),
                Scope.builder(Scope.Type.WEBSOCKET, "/ws/").subprotocols(List.of("chat")).build());

        assertThat(client.next()).isEqualTo("accept chat {Set-Cookie=[sessionid=abc]}");
        assertThat(seen).singleElement().satisfies(response -> {
            assertThat(response.status()).isEqualTo(101);
            assertThat(response.header("Sec-WebSocket-Protocol")).contains("chat");
        });
        await(client.end(CloseStatus.NORMAL));
    }

    @Test
    void framesTheConsumerSendsWaitUntilTheMiddlewareHasLetTheAcceptOut() throws Exception {
        CompletableFuture<Void> release = new CompletableFuture<>();
        Script script = new Script(OnConnect.GREET);
        Router router = Router.builder()
                .use((request, next) -> next.handle(request).thenCombine(release, (response, go) -> response))
                .websocket("/ws/", () -> new SyncConsumer(script)).build();
        RecordingTransport client = RecordingTransport.open(runtime(router), "/ws/");
        script.channel.get(5, TimeUnit.SECONDS);
        Stages.join(CompletableFuture.runAsync(() -> {
            while (script.running.get() > 0 || !script.hooks.contains("connect")) {
                Thread.onSpinWait(); // until the connect hook, which sends, has returned
            }
        }), WAIT, "the connect hook");

        release.complete(null);

        assertThat(client.next()).isEqualTo("accept");
        assertThat(client.next()).isEqualTo("text welcome");
        await(client.end(CloseStatus.NORMAL));
    }

    @Test
    void aMiddlewareThatFailsRefusesTheHandshakeWith500() throws Exception {
        Router router = Router.builder()
                .use((request, next) -> next.handle(request).thenApply(response -> {
                    throw new IllegalStateException("broken on purpose");
                }))
                .websocket("/ws/", () -> new SyncConsumer(new Script(OnConnect.ACCEPT))).build();
        RecordingTransport client = RecordingTransport.open(runtime(router), "/ws/");
        assertThat(client.next()).isEqualTo("reject 500");
        await(client.finished());
    }

    @Test
    void aFactoryThatFailsOrReturnsNullRejectsWith500() throws Exception {
        Supplier<WebSocketConsumer> failing = () -> {
            throw new IllegalStateException("no consumer today");
        };
        for (Supplier<WebSocketConsumer> factory : List.of(failing, () -> null)) {
            RecordingTransport client = RecordingTransport.open(runtime(Router.builder().websocket("/ws/", factory).build()), "/ws/");
            assertThat(client.next()).isEqualTo("reject 500");
            await(client.finished());
        }
    }

    @Test
    void aClientThatLeavesDuringConnectLeavesTheGroupsItWasJoiningAndNoHookRuns() throws Exception {
        Script script = new Script(OnConnect.ACCEPT);
        CompletableFuture<Void> joins = layer.holdGroupAdds();
        RecordingTransport client = RecordingTransport.open(runtime(router(false, script)), "/ws/");
        CompletionStage<Void> finished = client.end(CloseStatus.ABNORMAL);
        joins.complete(null);
        await(finished);
        assertThat(script.hooks).isEmpty();
        assertThat(client.history()).isEmpty();
        assertThat(layer.waitingReceives()).isZero();
    }

    @Test
    void groupCallsBeforeTheConnectionHasAChannelAreRefusedAlike() {
        JacksonJsonCodec json = JacksonJsonCodec.create();
        WebSocketConnection connection = new WebSocketConnection(layer, json, new MessageJson(json),
                Scope.builder(Scope.Type.WEBSOCKET, "/ws/").build(), new RecordingTransport(), new HandlerTimes());
        assertThatThrownBy(() -> connection.groupAdd("news")).isInstanceOf(IllegalStateException.class)
                .hasMessage("groupAdd before the connection has a channel");
        assertThatThrownBy(() -> connection.groupDiscard("news")).isInstanceOf(IllegalStateException.class)
                .hasMessage("groupDiscard before the connection has a channel");
    }

    /**
     * However a connection ends (the client closes or vanishes, the consumer rejects, throws or
     * closes, at connect or later, or the client leaves in the middle of the connect), its groups
     * are left, no receive is left waiting, the disconnect hook runs exactly once if the connection
     * was accepted and never otherwise, hooks never overlap, and none runs after the disconnect.
     */
    @Test
    void everyEndingLeavesTheGroupsAndRunsTheDisconnectHookOnceIfAccepted() throws Exception {
        for (int seed = 0; seed < 300; seed++) {
            Random random = new Random(seed);
            boolean asyncFlavour = random.nextBoolean();
            OnConnect onConnect = OnConnect.values()[random.nextInt(OnConnect.values().length)];
            Around around = Around.values()[random.nextInt(Around.values().length)];
            Script script = new Script(onConnect);
            String what = "seed " + seed + " (" + (asyncFlavour ? "async" : "sync") + ", " + onConnect + ", " + around + ")";
            boolean leaveDuringConnect = random.nextInt(6) == 0;
            CompletableFuture<Void> joins = leaveDuringConnect ? layer.holdGroupAdds() : null;

            RecordingTransport client = RecordingTransport.open(runtime(router(asyncFlavour, script, around)), "/ws/");
            if (leaveDuringConnect) {
                client.end(CloseStatus.ABNORMAL);
                joins.complete(null);
            } else if (client.next().equals("accept")) {
                String channel = script.channel.get(5, TimeUnit.SECONDS);
                int events = random.nextInt(6);
                for (int i = 0; i < events; i++) {
                    if (random.nextBoolean()) {
                        client.handle().text("t" + i);
                    } else {
                        await(layer.send(channel, Message.of("note", "n", i)));
                    }
                }
                switch (random.nextInt(4)) {
                    case 0 -> client.end(CloseStatus.of(random.nextBoolean() ? 1000 : 4000));
                    case 1 -> client.end(CloseStatus.ABNORMAL);
                    case 2 -> client.handle().text("bye");
                    default -> client.handle().text("boom");
                }
            }
            await(client.finished());

            List<String> sent = client.history();
            boolean accepted = onConnect.accepts() && script.hooks.contains("connect");
            assertThat(script.disconnects()).as(what + ": disconnect hooks after " + sent).isEqualTo(accepted ? 1 : 0);
            if (!sent.isEmpty()) {
                assertThat(sent.get(0)).as(what + ": the handshake is answered first: " + sent).matches("accept|reject \\d+");
            }
            if (sent.stream().anyMatch(e -> e.startsWith("reject"))) {
                assertThat(sent).as(what + ": nothing but the refusal").hasSize(1);
            }
            assertThat(script.overlapped).as(what + ": hooks overlapped").isFalse();
            assertThat(script.afterDisconnect).as(what + ": a hook ran after the disconnect: " + script.hooks).isFalse();
            if (script.channel.isDone()) {
                assertThat(layer.groupsOf(script.channel.join())).as(what + ": groups left").isEmpty();
            }
            assertThat(layer.waitingReceives()).as(what + ": receives left waiting").isZero();
            assertThat(sent.stream().filter(e -> e.equals("accept") || e.startsWith("reject")).count())
                    .as(what + ": one handshake answer in " + sent).isLessThanOrEqualTo(1);
            int close = sent.indexOf(sent.stream().filter(e -> e.startsWith("close")).findFirst().orElse(""));
            if (close >= 0) {
                assertThat(sent.subList(close + 1, sent.size())).as(what + ": sent after the close").isEmpty();
            }
        }
    }
}
