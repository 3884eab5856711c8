package dev.notify.bench;

import dev.notify.bench.bare.BareNettyServer;
import java.util.ArrayList;
import java.util.List;

/** A server under test, as {@link Compare} starts it in its own JVM. */
public enum Scenario {
    /** Bare Netty, naive: {@code ChannelGroup.writeAndFlush} per message. */
    FLUSH_EACH("flush-each", "bare Netty, flush per message", false),
    /** Bare Netty, messages queued per connection and flushed once per event-loop turn. */
    FLUSH_PER_TURN("flush-per-turn", "bare Netty, one flush per event-loop turn", false),
    /** Bare Netty, the whole burst written to each connection and flushed once: the ceiling. */
    WHOLE_BURST("whole-burst", "bare Netty, whole burst then one flush (the ceiling)", false),
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

    /** @return whether it is one of the bare Netty servers */
    public boolean bare() {
        return this == FLUSH_EACH || this == FLUSH_PER_TURN || this == WHOLE_BURST;
    }

    /** @return the main class of its server process */
    String mainClass() {
        return bare() ? BareNettyServer.class.getName() : NotifyBenchServer.class.getName();
    }

    /**
     * @param payload the payload size
     * @param redisUrl the Redis to use, or null
     * @return the arguments of its server process
     */
    List<String> arguments(int payload, String redisUrl) {
        List<String> args = new ArrayList<>(List.of(bare() ? "--flush" : "--layer", label, "--payload", Integer.toString(payload)));
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
