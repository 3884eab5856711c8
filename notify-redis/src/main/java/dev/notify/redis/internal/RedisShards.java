package dev.notify.redis.internal;

import dev.notify.layer.LayerHealth;
import dev.notify.metrics.MeterSink;
import io.lettuce.core.cluster.SlotHash;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * The shards of one layer, in configuration order, and which one holds a name: channels_redis'
 * consistent hash, so that every process (Java or Python) agrees. A Redis Cluster is one
 * {@link RedisShard} seen as {@value SlotHash#SLOT_COUNT} shards, one per hash slot, so that the
 * layers run one script per slot (names go inside hash tags, see {@link RedisKeys}) and one reader
 * per slot they read, while Lettuce routes each slot to its master.
 */
public final class RedisShards {
    private final List<RedisShard> shards;
    private final boolean cluster;

    RedisShards(List<RedisShard> shards) {
        this.shards = List.copyOf(shards);
        this.cluster = shards.size() == 1 && shards.get(0).isCluster();
    }

    /**
     * @param name a group name, or the non-local part of a channel name
     * @return the shard that holds it
     */
    public RedisShard of(String name) {
        return cluster ? shards.get(0) : shards.get(indexOf(name));
    }

    /**
     * @param name a group name, or the non-local part of a channel name
     * @return the index of the shard that holds it: on a cluster, the hash slot of its keys
     */
    public int indexOf(String name) {
        return cluster ? SlotHash.getSlot(name) : ConsistentHash.shard(name, shards.size());
    }

    /**
     * @param index an index below {@link #size()}
     * @return that shard
     */
    public RedisShard get(int index) {
        return cluster ? shards.get(0) : shards.get(index);
    }

    /** @return how many shards there are: on a cluster, how many hash slots */
    public int size() {
        return cluster ? SlotHash.SLOT_COUNT : shards.size();
    }

    /** @return whether this is a Redis Cluster, one shard per hash slot */
    public boolean isCluster() {
        return cluster;
    }

    /**
     * @param channel a normal channel's name
     * @return the indexes of the shards a {@code send} to it may have written to: every shard (sends
     *     go round-robin, as in channels_redis), or on a cluster the one slot of its key
     */
    public int[] holdingNormal(String channel) {
        return cluster ? new int[] {indexOf(channel)} : IntStream.range(0, shards.size()).toArray();
    }

    /** @return every shard, in configuration order (on a cluster, the one connection to all of it) */
    public List<RedisShard> all() {
        return shards;
    }

    /** @return up while every connection to every shard works, else the first shard that is down */
    public LayerHealth health() {
        for (RedisShard shard : shards) {
            LayerHealth health = shard.health();
            if (!health.up()) {
                return health;
            }
        }
        return LayerHealth.up(shards.stream().map(RedisShard::address).collect(Collectors.joining(", ")) + " connected");
    }

    /**
     * Describes every shard's {@code notify.redis.reconnects}.
     *
     * @param sink where the meters go
     * @param links the connections the layer has to each shard
     */
    public void describeMeters(MeterSink sink, RedisShard.Link... links) {
        shards.forEach(shard -> shard.describeMeters(sink, links));
    }

    /** Closes every shard's connections. */
    public void close() {
        shards.forEach(RedisShard::close);
    }
}
