package dev.notify.redis;

import static dev.notify.tck.Await.awaitCondition;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.notify.config.InvalidConfigurationException;
import dev.notify.config.NotifyConfig;
import dev.notify.layer.BlockingChannelLayer;
import dev.notify.layer.ChannelLayer;
import dev.notify.layer.Message;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Both Redis layers on a Redis Cluster of 3 masters and 3 replicas, started once for the class:
 * two layers (two processes) exchanging sends, the key layout, a master's failover and a slot's
 * migration while a group is busy.
 */
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class RedisClusterLayersTest {
    private static final Duration WAIT = Duration.ofSeconds(15);
    private static final Duration RECOVERY = Duration.ofSeconds(30);
    private static RedisCluster cluster;

    @BeforeAll
    static void startCluster() {
        cluster = RedisCluster.start();
    }

    @AfterAll
    static void stopCluster() {
        cluster.close();
    }

    private static ChannelLayer layer(String name, String prefix) {
        String[] seeds = cluster.uris().toArray(String[]::new);
        return name.equals(RedisLayerProvider.NAME)
                ? RedisChannelLayer.builder().uris(seeds).cluster(true).prefix(prefix).build()
                : RedisPubSubChannelLayer.builder().uris(seeds).cluster(true).prefix(prefix).build();
    }

    @ParameterizedTest
    @ValueSource(strings = {RedisLayerProvider.NAME, RedisPubSubLayerProvider.NAME})
    void twoLayersExchangeGroupAndDirectSends(String layerName) {
        String prefix = RedisServer.uniquePrefix();
        try (ChannelLayer a = layer(layerName, prefix); ChannelLayer b = layer(layerName, prefix)) {
            BlockingChannelLayer ba = a.blocking(WAIT);
            BlockingChannelLayer bb = b.blocking(WAIT);
            List<String> channels = new ArrayList<>();
            for (BlockingChannelLayer layer : List.of(ba, bb)) {
                for (int i = 0; i < 3; i++) {
                    String channel = layer.newChannel("specific");
                    layer.groupAdd("room", channel);
                    channels.add(channel);
                }
            }
            ba.groupSend("room", Message.of("chat.message", "text", "from a"));
            bb.groupSend("room", Message.of("chat.message", "text", "from b"));
            for (int i = 0; i < channels.size(); i++) {
                BlockingChannelLayer owner = i < 3 ? ba : bb;
                assertThat(owner.receive(channels.get(i)).get("text")).isEqualTo("from a");
                assertThat(owner.receive(channels.get(i)).get("text")).isEqualTo("from b");
            }
            ba.send(channels.get(5), Message.of("direct", "n", 1));
            bb.send(channels.get(0), Message.of("direct", "n", 2));
            assertThat(((Number) bb.receive(channels.get(5)).get("n")).intValue()).isEqualTo(1);
            assertThat(((Number) ba.receive(channels.get(0)).get("n")).intValue()).isEqualTo(2);
            ba.flush();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {RedisLayerProvider.NAME, RedisPubSubLayerProvider.NAME})
    void aClusterNodeWithoutClusterModeIsRefusedAtStart(String layerName) {
        String node = cluster.uris().get(0);
        assertThatThrownBy(() -> (layerName.equals(RedisLayerProvider.NAME) ? new RedisLayerProvider()
                : new RedisPubSubLayerProvider()).create(NotifyConfig.fromMap(Map.of("notify.redis.url", node))))
                .isInstanceOf(InvalidConfigurationException.class)
                .hasMessageContaining("notify.redis.url=" + node + " names a node of a Redis Cluster")
                .hasMessageContaining("set notify.redis.cluster=true");
    }

    @Test
    void theQueueLayerKeepsAGroupInOneSlotAndAProcessQueueWithItsBackupInAnother() throws Exception {
        String prefix = RedisServer.uniquePrefix();
        try (ChannelLayer sender = layer(RedisLayerProvider.NAME, prefix);
                ChannelLayer receiver = layer(RedisLayerProvider.NAME, prefix)) {
            BlockingChannelLayer blocking = receiver.blocking(WAIT);
            String channel = blocking.newChannel("specific");
            blocking.groupAdd("layout", channel);
            List<String> members = RedisCluster.onNode(cluster.masterOf("layout"),
                    node -> node.zrange(prefix + ":group:{layout}", 0, -1));
            assertThat(members).containsExactly(channel);
            // the queue of a process that does not read (yet) holds what is sent to it, on the master
            // of its tag's slot, where its in-flight backup goes too
            String absent = "specific.absentprocess!";
            sender.blocking(WAIT).send(absent + "one", Message.of("queued"));
            String queue = prefix + "{" + absent + "}";
            long queued = RedisCluster.onNode(cluster.masterOf(absent), node -> node.zcard(queue));
            assertThat(queued).isEqualTo(1);
            long backupSlot = RedisCluster.onNode(cluster.masterOf(absent), node -> node.clusterKeyslot(queue + "$inflight"));
            assertThat(backupSlot).isEqualTo(io.lettuce.core.cluster.SlotHash.getSlot(absent));
            sender.blocking(WAIT).groupSend("layout", Message.of("grouped"));
            assertThat(blocking.receive(channel).type()).isEqualTo("grouped");
            blocking.flush();
        }
    }

    @Test
    void aGroupSendRunsOneScriptPerSlotOfItsMembersNeverOneCommandPerMember() {
        String prefix = RedisServer.uniquePrefix();
        // 4 processes that do not read (yet), 5 channels each: their queues fill, where they can be counted
        List<String> processes = List.of("specific.pa!", "specific.pb!", "specific.pc!", "specific.pd!");
        try (ChannelLayer layer = layer(RedisLayerProvider.NAME, prefix)) {
            BlockingChannelLayer blocking = layer.blocking(WAIT);
            for (String process : processes) {
                for (int i = 0; i < 5; i++) {
                    blocking.groupAdd("big", process + i);
                }
            }
            long slots = processes.stream().map(io.lettuce.core.cluster.SlotHash::getSlot).distinct().count();
            blocking.groupSend("big", Message.of("first")); // so that every master has the scripts cached
            long before = scriptCalls();
            blocking.groupSend("big", Message.of("second"));
            // one script reads the members, then one per slot writes each process one entry for its 5 channels
            assertThat(scriptCalls() - before).isEqualTo(1 + slots);
            for (String process : processes) {
                long queued = RedisCluster.onNode(cluster.masterOf(process), node -> node.zcard(prefix + "{" + process + "}"));
                assertThat(queued).as(process).isEqualTo(2);
            }
            blocking.flush();
        }
    }

    /** @return the EVALSHA and EVAL calls of every master so far (replicas apply the scripts' effects) */
    private static long scriptCalls() {
        long calls = 0;
        for (int port : cluster.masterPorts()) {
            String stats = RedisCluster.onNode(port, node -> node.info("commandstats"));
            for (String line : stats.split("\r?\n")) {
                if (line.startsWith("cmdstat_evalsha:") || line.startsWith("cmdstat_eval:")) {
                    calls += Long.parseLong(line.replaceAll("^[^:]*:calls=(\\d+),.*", "$1"));
                }
            }
        }
        return calls;
    }

    /** A master holding a busy group is killed; its replica takes over and the consumers keep receiving. */
    @ParameterizedTest
    @ValueSource(strings = {RedisLayerProvider.NAME, RedisPubSubLayerProvider.NAME})
    void consumersKeepReceivingAfterTheFailoverOfTheirGroupsMaster(String layerName) throws Exception {
        String prefix = RedisServer.uniquePrefix();
        String group = groupOnAMasterWithAReplica(layerName, prefix);
        // the queue layer's master is killed (at-least-once survives a crash); the pub/sub layer's is failed over
        busyGroupSurvives(layerName, prefix, group, port -> {
            if (layerName.equals(RedisLayerProvider.NAME)) {
                cluster.killMaster(port);
            } else {
                cluster.failover(port);
            }
        });
    }

    /** The slot of a busy group moves to another master while sends go on. */
    @ParameterizedTest
    @ValueSource(strings = {RedisLayerProvider.NAME, RedisPubSubLayerProvider.NAME})
    void consumersKeepReceivingWhileTheirGroupsSlotMigrates(String layerName) throws Exception {
        String prefix = RedisServer.uniquePrefix();
        String group = "migrating-" + layerName;
        busyGroupSurvives(layerName, prefix, group, port -> cluster.migrate(groupSlotName(layerName, prefix, group)));
    }

    /**
     * @return what decides the slot of a group: the queue layer tags its group key with the group's
     *     name; the pub/sub layer's sharded channel {@code prefix__group__<group>} is hashed whole
     */
    private static String groupSlotName(String layerName, String prefix, String group) {
        return layerName.equals(RedisLayerProvider.NAME) ? group : prefix + "__group__" + group;
    }

    private static String groupOnAMasterWithAReplica(String layerName, String prefix) {
        for (int i = 0; ; i++) {
            String group = "failover-" + i;
            if (cluster.hasReplica(cluster.masterOf(groupSlotName(layerName, prefix, group)))) {
                return group;
            }
        }
    }

    private void busyGroupSurvives(String layerName, String prefix, String group, Consumer<Integer> disruption)
            throws Exception {
        AtomicBoolean stopDrainers = new AtomicBoolean();
        try (ChannelLayer a = layer(layerName, prefix); ChannelLayer b = layer(layerName, prefix)) {
            List<String> channels = new ArrayList<>();
            List<ChannelLayer> owners = new ArrayList<>();
            for (ChannelLayer layer : List.of(a, b)) {
                for (int i = 0; i < 2; i++) {
                    String channel = layer.blocking(WAIT).newChannel("specific");
                    layer.blocking(WAIT).groupAdd(group, channel);
                    channels.add(channel);
                    owners.add(layer);
                }
            }
            AtomicBoolean running = new AtomicBoolean(true);
            AtomicInteger failedSends = new AtomicInteger();
            AtomicInteger sent = new AtomicInteger();
            Thread sender = new Thread(() -> {
                while (running.get()) {
                    try {
                        a.groupSend(group, Message.of("busy", "n", sent.get())).toCompletableFuture().get(15, TimeUnit.SECONDS);
                        sent.incrementAndGet();
                    } catch (Exception e) {
                        failedSends.incrementAndGet(); // in flight during the failover: may be lost
                    }
                }
            }, "busy-sender");
            sender.setDaemon(true);
            ConcurrentHashMap<String, AtomicInteger> received = new ConcurrentHashMap<>();
            List<CompletableFuture<Void>> sawAfter = new ArrayList<>();
            List<Thread> drainers = new ArrayList<>();
            for (int i = 0; i < channels.size(); i++) {
                String channel = channels.get(i);
                ChannelLayer owner = owners.get(i);
                AtomicInteger count = received.computeIfAbsent(channel, c -> new AtomicInteger());
                CompletableFuture<Void> after = new CompletableFuture<>();
                sawAfter.add(after);
                Thread drainer = new Thread(() -> {
                    while (!after.isDone() && !stopDrainers.get()) {
                        try {
                            Message message = owner.receive(channel).toCompletableFuture().get(1, TimeUnit.SECONDS);
                            count.incrementAndGet();
                            if (message.type().equals("after")) {
                                after.complete(null);
                            }
                        } catch (Exception e) {
                            // nothing came within 1 s (during the disruption): wait again
                        }
                    }
                }, "drainer-" + i);
                drainer.setDaemon(true);
                drainers.add(drainer);
            }
            drainers.forEach(Thread::start);
            sender.start();
            awaitCondition("every consumer receives before the disruption", WAIT,
                    () -> received.values().stream().allMatch(n -> n.get() > 5));

            disruption.accept(cluster.masterOf(groupSlotName(layerName, prefix, group)));
            int sentBefore = sent.get();
            awaitCondition(() -> "group sends succeed again (" + failedSends + " failed)", RECOVERY,
                    () -> sent.get() > sentBefore + 10);
            running.set(false);
            sender.join(TimeUnit.SECONDS.toMillis(20));
            // live memberships survived: a message sent now reaches every consumer (the pub/sub
            // layer may still be subscribing again, so it is sent until each has one)
            awaitCondition("every consumer receives a message sent after the disruption", RECOVERY, () -> {
                a.groupSend(group, Message.of("after")).toCompletableFuture().get(15, TimeUnit.SECONDS);
                return CompletableFuture.allOf(sawAfter.toArray(new CompletableFuture<?>[0])).isDone();
            });
            for (Thread drainer : drainers) {
                drainer.join(TimeUnit.SECONDS.toMillis(5));
            }
            awaitCondition(() -> "both layers up again: " + a.health() + ", " + b.health(), RECOVERY,
                    () -> a.health().up() && b.health().up());
        } finally {
            stopDrainers.set(true);
        }
    }
}
