package dev.notify.redis.internal;

import java.util.List;

/**
 * The shards of one layer, in configuration order, and which one holds a name: channels_redis'
 * consistent hash, so that every process (Java or Python) agrees.
 */
public final class RedisShards {
    private final List<RedisShard> shards;

    RedisShards(List<RedisShard> shards) {
        this.shards = List.copyOf(shards);
    }

    /**
     * @param name a group name, or the non-local part of a channel name
     * @return the shard that holds it
     */
    public RedisShard of(String name) {
        return shards.get(indexOf(name));
    }

    /**
     * @param name a group name, or the non-local part of a channel name
     * @return the index of the shard that holds it
     */
    public int indexOf(String name) {
        return ConsistentHash.shard(name, shards.size());
    }

    /**
     * @param index an index below {@link #size()}
     * @return that shard
     */
    public RedisShard get(int index) {
        return shards.get(index);
    }

    /** @return how many shards there are */
    public int size() {
        return shards.size();
    }

    /** @return every shard, in configuration order */
    public List<RedisShard> all() {
        return shards;
    }

    /** Closes every shard's connections. */
    public void close() {
        shards.forEach(RedisShard::close);
    }
}
