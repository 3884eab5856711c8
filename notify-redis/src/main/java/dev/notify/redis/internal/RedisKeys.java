package dev.notify.redis.internal;

import dev.notify.spi.NameRules;
import java.nio.charset.StandardCharsets;

/**
 * Redis key and pub/sub channel names: exactly as channels_redis 4.0 spells them, or, on a Redis
 * Cluster, with the name inside a hash tag ({@code asgi{specific.abc!}}, {@code asgi:group:{chat}}),
 * so that a process queue and its in-flight backup share one hash slot, as does a group's membership.
 */
public final class RedisKeys {
    private final String prefix;
    private final boolean cluster;

    /** @param prefix the layer prefix, {@code asgi} by default */
    public RedisKeys(String prefix) {
        this(prefix, false);
    }

    /**
     * @param prefix the layer prefix, {@code asgi} by default
     * @param cluster whether names go inside hash tags, for a Redis Cluster
     */
    public RedisKeys(String prefix, boolean cluster) {
        this.prefix = prefix;
        this.cluster = cluster;
    }

    /** @return the layer prefix */
    public String prefix() {
        return prefix;
    }

    /**
     * @param channel a channel name
     * @return its queue key: {@code prefix + nonLocalPart} (no separator), shared by all channels of a process
     */
    public byte[] queueKey(String channel) {
        return bytes(queueName(NameRules.nonLocalPart(channel)));
    }

    /**
     * @param nonLocal the non-local part of a channel name, or a normal channel's name
     * @return the name of its queue key: {@code prefix + nonLocal}, or {@code prefix{nonLocal}} on a cluster
     */
    public String queueName(String nonLocal) {
        return cluster ? prefix + "{" + nonLocal + "}" : prefix + nonLocal;
    }

    /**
     * @param queueName a name made by {@link #queueName}
     * @return the non-local part (or normal channel name) it was made from
     */
    public String nonLocalOf(String queueName) {
        return cluster ? queueName.substring(prefix.length() + 1, queueName.length() - 1) : queueName.substring(prefix.length());
    }

    /**
     * @param queueKey a queue key
     * @return the key of its in-flight backup, {@code queueKey + "$inflight"}
     */
    public static byte[] inflightKey(byte[] queueKey) {
        byte[] suffix = "$inflight".getBytes(StandardCharsets.US_ASCII);
        byte[] key = new byte[queueKey.length + suffix.length];
        System.arraycopy(queueKey, 0, key, 0, queueKey.length);
        System.arraycopy(suffix, 0, key, queueKey.length, suffix.length);
        return key;
    }

    /**
     * @param group a group name
     * @return its sorted set key, {@code prefix:group:<group>}, or {@code prefix:group:{<group>}} on a cluster
     */
    public byte[] groupKey(String group) {
        return bytes(prefix + ":group:" + (cluster ? "{" + group + "}" : group));
    }

    /**
     * @param group a group name
     * @return the pub/sub layer's channel for the group, {@code prefix__group__<group>}
     */
    public String pubSubGroupChannel(String group) {
        return prefix + "__group__" + group;
    }

    /** @return the pattern of every key of this prefix, for flush */
    public byte[] everyKeyPattern() {
        return bytes(prefix.replaceAll("([*?\\[\\]\\\\])", "\\\\$1") + "*");
    }

    /**
     * @param text a name
     * @return its UTF-8 bytes
     */
    public static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
