package dev.notify.inmemory;

import static org.assertj.core.api.Assertions.assertThat;

import dev.notify.consumer.AsyncWebSocketConsumer;
import dev.notify.consumer.CloseStatus;
import dev.notify.consumer.WebSocketConsumer;
import dev.notify.consumer.WebSocketSession;
import dev.notify.layer.ChannelLayer;
import dev.notify.layer.Message;
import dev.notify.layer.Stages;
import dev.notify.testing.WebSocketCommunicator;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The consumer lifecycle through the real runtime and the in-memory layer, for both consumer flavours. */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class ConsumerRuntimeTest {
    private static final Duration WAIT = Duration.ofSeconds(5);

    private final ChannelLayer layer = InMemoryChannelLayer.create();
    private final List<WebSocketCommunicator> opened = new ArrayList<>();
    private final List<String> events = Collections.synchronizedList(new ArrayList<>());

    @AfterEach
    void closeAll() {
        opened.forEach(WebSocketCommunicator::close);
        layer.close();
    }

    /** The seed app's consumer, written once per flavour. */
    enum Flavour {
        SYNC, ASYNC;

        WebSocketCommunicator.Builder communicator(List<String> events) {
            if (this == SYNC) {
                return WebSocketCommunicator.builder(() -> new WebSocketConsumer() {
                    @Override
                    public Set<String> groups() {
                        return Set.of("test_consumer_group");
                    }

                    @Override
                    public void onConnect(WebSocketSession session) {
                        events.add("connect " + session.channelName());
                        session.accept();
                    }

                    @Override
                    public void onText(WebSocketSession session, String text) {
                        session.sendJson(Map.of("status", "Data received!", "echo", text));
                    }

                    public void sendNotification(WebSocketSession session, Message message) {
                        session.sendText(message.getString("value"));
                    }

                    @Override
                    public void onDisconnect(WebSocketSession session, CloseStatus status) {
                        events.add("disconnect " + status.code());
                    }
                });
            }
            return WebSocketCommunicator.asyncBuilder(() -> new AsyncWebSocketConsumer() {
                @Override
                public Set<String> groups() {
                    return Set.of("test_consumer_group");
                }

                @Override
                public CompletionStage<Void> onConnect(WebSocketSession session) {
                    events.add("connect " + session.channelName());
                    session.accept();
                    return DONE;
                }

                @Override
                public CompletionStage<Void> onText(WebSocketSession session, String text) {
                    return CompletableFuture.runAsync(() -> session.sendJson(Map.of("status", "Data received!", "echo", text)));
                }

                public CompletionStage<Void> sendNotification(WebSocketSession session, Message message) {
                    session.sendText(message.getString("value"));
                    return DONE;
                }

                @Override
                public CompletionStage<Void> onDisconnect(WebSocketSession session, CloseStatus status) {
                    events.add("disconnect " + status.code());
                    return DONE;
                }
            });
        }
    }

    private WebSocketCommunicator open(WebSocketCommunicator.Builder communicator) {
        WebSocketCommunicator ws = communicator.layer(layer).build();
        opened.add(ws);
        return ws;
    }

    private String channelOf(String connectEvent) {
        return connectEvent.substring("connect ".length());
    }

    @ParameterizedTest
    @EnumSource(Flavour.class)
    void connectsAnswersReceivesGroupMessagesAndLeavesItsGroups(Flavour flavour) {
        WebSocketCommunicator ws = open(flavour.communicator(events));
        assertThat(ws.connect(WAIT).accepted()).isTrue();

        ws.sendText("hello");
        assertThat(ws.receiveJson(WAIT)).isEqualTo(Map.of("status", "Data received!", "echo", "hello"));

        Stages.join(layer.groupSend("test_consumer_group", Message.of("send.notification", "value", "{\"count\": 1}")), WAIT, "groupSend");
        assertThat(ws.receiveText(WAIT)).isEqualTo("{\"count\": 1}");

        String channel = channelOf(events.get(0));
        ws.disconnect(CloseStatus.GOING_AWAY);
        assertThat(events).containsExactly(events.get(0), "disconnect 1001");

        // the channel left the group: a group send no longer reaches it
        Stages.join(layer.groupSend("test_consumer_group", Message.of("send.notification", "value", "late")), WAIT, "groupSend");
        Stages.join(layer.send(channel, Message.of("marker")), WAIT, "send");
        assertThat(Stages.join(layer.receive(channel), WAIT, "receive").type()).isEqualTo("marker");
    }

    @ParameterizedTest
    @EnumSource(Flavour.class)
    void unknownMessageTypeClosesOnlyThatConnection(Flavour flavour) {
        WebSocketCommunicator victim = open(flavour.communicator(events));
        WebSocketCommunicator bystander = open(flavour.communicator(events));
        assertThat(victim.connect(WAIT).accepted()).isTrue();
        assertThat(bystander.connect(WAIT).accepted()).isTrue();
        String victimChannel = channelOf(events.get(0));

        Stages.join(layer.send(victimChannel, Message.of("no.such.handler")), WAIT, "send");
        assertThat(victim.receiveClose(WAIT).code()).isEqualTo(1011);

        bystander.sendText("still there?");
        assertThat(bystander.receiveJson(WAIT)).isEqualTo(Map.of("status", "Data received!", "echo", "still there?"));
    }

    @Test
    void blockingSyncConsumerDoesNotHoldUpOthers() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        CountDownLatch blocked = new CountDownLatch(1);
        WebSocketCommunicator slow = open(WebSocketCommunicator.builder(() -> new WebSocketConsumer() {
            @Override
            public void onText(WebSocketSession session, String text) throws InterruptedException {
                blocked.countDown();
                release.await(10, TimeUnit.SECONDS);
                session.sendText("slow done");
            }
        }));
        WebSocketCommunicator fast = open(Flavour.SYNC.communicator(events));
        assertThat(slow.connect(WAIT).accepted()).isTrue();
        assertThat(fast.connect(WAIT).accepted()).isTrue();

        slow.sendText("block");
        assertThat(blocked.await(5, TimeUnit.SECONDS)).isTrue();
        fast.sendText("ping");
        assertThat(fast.receiveJson(WAIT)).isEqualTo(Map.of("status", "Data received!", "echo", "ping"));
        release.countDown();
        assertThat(slow.receiveText(WAIT)).isEqualTo("slow done");
    }

    @ParameterizedTest
    @EnumSource(Flavour.class)
    void eventsOfOneConnectionRunOneAtATimeInArrivalOrder(Flavour flavour) throws Exception {
        AtomicInteger running = new AtomicInteger();
        AtomicInteger overlaps = new AtomicInteger();
        CompletableFuture<String> channel = new CompletableFuture<>();
        List<String> seen = Collections.synchronizedList(new ArrayList<>());
        CountDownLatch all = new CountDownLatch(100);
        Runnable enter = () -> {
            if (running.incrementAndGet() > 1) {
                overlaps.incrementAndGet();
            }
        };
        WebSocketCommunicator.Builder consumer = flavour == Flavour.SYNC
                ? WebSocketCommunicator.builder(() -> new WebSocketConsumer() {
                    @Override
                    public void onConnect(WebSocketSession session) {
                        channel.complete(session.channelName());
                    }

                    @Override
                    public void onText(WebSocketSession session, String text) {
                        record(text);
                    }

                    public void tick(WebSocketSession session, Message message) {
                        record("tick" + message.getNumber("n"));
                    }

                    private void record(String what) {
                        enter.run();
                        seen.add(what);
                        running.decrementAndGet();
                        all.countDown();
                    }
                })
                : WebSocketCommunicator.asyncBuilder(() -> new AsyncWebSocketConsumer() {
                    @Override
                    public CompletionStage<Void> onConnect(WebSocketSession session) {
                        channel.complete(session.channelName());
                        return DONE;
                    }

                    @Override
                    public CompletionStage<Void> onText(WebSocketSession session, String text) {
                        return record(text);
                    }

                    public CompletionStage<Void> tick(WebSocketSession session, Message message) {
                        return record("tick" + message.getNumber("n"));
                    }

                    private CompletionStage<Void> record(String what) {
                        enter.run();
                        // complete later, on another thread: the next event must still wait for it
                        return CompletableFuture.runAsync(() -> {
                            seen.add(what);
                            running.decrementAndGet();
                            all.countDown();
                        }, CompletableFuture.delayedExecutor(1, TimeUnit.MILLISECONDS));
                    }
                });
        WebSocketCommunicator ws = open(consumer);
        assertThat(ws.connect(WAIT).accepted()).isTrue();
        String name = channel.get(5, TimeUnit.SECONDS);
        for (int i = 0; i < 50; i++) {
            ws.sendText("t" + i);
            Stages.join(layer.send(name, Message.of("tick", "n", i)), WAIT, "send");
        }
        assertThat(all.await(10, TimeUnit.SECONDS)).as("all 100 events handled").isTrue();
        assertThat(overlaps).as("hooks that ran at the same time").hasValue(0);
        assertThat(seen.stream().filter(e -> e.startsWith("t") && !e.startsWith("tick")))
                .containsExactlyElementsOf(numbered("t"));
        assertThat(seen.stream().filter(e -> e.startsWith("tick"))).containsExactlyElementsOf(numbered("tick"));
    }

    private static List<String> numbered(String prefix) {
        List<String> names = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            names.add(prefix + i);
        }
        return names;
    }
}
