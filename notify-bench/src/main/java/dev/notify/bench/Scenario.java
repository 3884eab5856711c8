package dev.notify.bench;

import dev.notify.bench.ceiling.CeilingServer;
import java.util.ArrayList;
import java.util.List;

/** A server under test, as {@link Compare} starts it in its own JVM. */
public enum Scenario {
    /** The naive ceiling: {@code ChannelGroup.writeAndFlush} per message. */
    FLUSH_EACH("flush-each", "Netty ceiling, flush per message", false),
    /** The batched ceiling: a connection's queued messages written, then one flush. */
    BATCHED("batched", "Netty ceiling, batched flush", false),
    /** notify on its in-memory layer. */
    INMEMORY("inmemory", "notify, in-memory layer", false),
    /** notify on the Redis layer (channels_redis' {@code RedisChannelLayer}). */
    REDIS("redis", "notify, redis layer", true),
    /** notify on the Redis pub/sub layer (channels_redis' {@code RedisPubSubChannelLayer}). */
    REDIS_PUBSUB("redis-pubsub", "notify, redis-pubsub layer", true);

    private final String label;
    private final String description;
    private final boolean redis;

    Scenario(String label, String description, boolean redis) {
        this.label = label;
        this.description = description;
        this.redis = redis;
    }

    /** @return the command-line name */
    public String label() {
        return label;
    }

    /** @return what it is, for the report */
    public String description() {
        return description;
    }

    /** @return whether it needs a Redis server */
    public boolean needsRedis() {
        return redis;
    }

    /** @return whether it is one of the bare Netty ceilings */
    public boolean ceiling() {
        return this == FLUSH_EACH || this == BATCHED;
    }

    /** @return the main class of its server process */
    String mainClass() {
        return ceiling() ? CeilingServer.class.getName() : NotifyBenchServer.class.getName();
    }

    /**
     * @param payload the payload size
     * @param redisUrl the Redis to use, or null
     * @return the arguments of its server process
     */
    List<String> arguments(int payload, String redisUrl) {
        List<String> args = new ArrayList<>(List.of(ceiling() ? "--mode" : "--layer", label, "--payload", Integer.toString(payload)));
        if (redis) {
            args.add("--redis-url");
            args.add(redisUrl);
        }
        return args;
    }

    /**
     * @param label a command-line name
     * @return the scenario
     * @throws IllegalArgumentException for an unknown name, listing the known ones
     */
    public static Scenario of(String label) {
        for (Scenario scenario : values()) {
            if (scenario.label.equals(label)) {
                return scenario;
            }
        }
        List<String> known = new ArrayList<>();
        for (Scenario scenario : values()) {
            known.add(scenario.label);
        }
        throw new IllegalArgumentException("unknown server '" + label + "'; known: " + known);
    }
}
