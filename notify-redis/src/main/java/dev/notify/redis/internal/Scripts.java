package dev.notify.redis.internal;

import dev.notify.layer.Stages;
import io.lettuce.core.RedisNoScriptException;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.cluster.api.async.RedisClusterAsyncCommands;
import io.lettuce.core.cluster.api.sync.RedisClusterCommands;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/** The Lua scripts of the Redis layer; each runs atomically, by EVALSHA with an EVAL fallback. */
public enum Scripts {
    /**
     * send: KEYS[1] queue; ARGV member, now, cutoff, capacity, expiry. Drops expired entries, then
     * adds only if under capacity. Returns 1 when full, 0 when added.
     */
    SEND(ScriptOutputType.INTEGER, ""
            + "redis.call('ZREMRANGEBYSCORE', KEYS[1], 0, ARGV[3])\n"
            + "if redis.call('ZCOUNT', KEYS[1], '-inf', '+inf') >= tonumber(ARGV[4]) then return 1 end\n"
            + "redis.call('ZADD', KEYS[1], ARGV[2], ARGV[1])\n"
            + "redis.call('EXPIRE', KEYS[1], ARGV[5])\n"
            + "return 0\n"),

    /**
     * group send to the queues of one shard: KEYS queues; ARGV members..., capacities..., now,
     * expiry, cutoff. channels_redis' script plus the expiry cleanup. Returns the 1-based indexes of
     * the queues that were full.
     */
    GROUP_SEND(ScriptOutputType.MULTI, ""
            + "local n = #KEYS\n"
            + "local now, expiry, cutoff = ARGV[2 * n + 1], ARGV[2 * n + 2], ARGV[2 * n + 3]\n"
            + "local full = {}\n"
            + "for i = 1, n do\n"
            + "  redis.call('ZREMRANGEBYSCORE', KEYS[i], 0, cutoff)\n"
            + "  if redis.call('ZCOUNT', KEYS[i], '-inf', '+inf') < tonumber(ARGV[n + i]) then\n"
            + "    redis.call('ZADD', KEYS[i], now, ARGV[i])\n"
            + "    redis.call('EXPIRE', KEYS[i], expiry)\n"
            + "  else\n"
            + "    full[#full + 1] = i\n"
            + "  end\n"
            + "end\n"
            + "return full\n"),

    /** group members: KEYS[1] group; ARGV[1] cutoff. Drops stale members and returns the rest. */
    GROUP_MEMBERS(ScriptOutputType.MULTI, ""
            + "redis.call('ZREMRANGEBYSCORE', KEYS[1], 0, ARGV[1])\n"
            + "return redis.call('ZRANGE', KEYS[1], 0, -1)\n"),

    /** group add: KEYS[1] group; ARGV now, group expiry, channels... */
    GROUP_ADD(ScriptOutputType.INTEGER, ""
            + "for i = 3, #ARGV do redis.call('ZADD', KEYS[1], ARGV[1], ARGV[i]) end\n"
            + "redis.call('EXPIRE', KEYS[1], ARGV[2])\n"
            + "return 0\n"),

    /**
     * claim a batch: KEYS[1] queue, KEYS[2] its in-flight backup; ARGV[1] how many more to pop,
     * ARGV[2]/ARGV[3] optionally a member and score already popped by BZPOPMIN. Backs every popped
     * entry up and returns the popped ones as member, score, member, score...
     */
    CLAIM(ScriptOutputType.MULTI, ""
            + "if ARGV[2] then redis.call('ZADD', KEYS[2], ARGV[3], ARGV[2]) end\n"
            + "local popped = redis.call('ZPOPMIN', KEYS[1], ARGV[1])\n"
            + "for i = 1, #popped, 2 do redis.call('ZADD', KEYS[2], popped[i + 1], popped[i]) end\n"
            + "return popped\n"),

    /**
     * channels_redis' cleanup script, with its keys declared (so that a cluster routes it): KEYS[1]
     * queue, KEYS[2] backup; puts backed-up entries back.
     */
    RESTORE(ScriptOutputType.STATUS, ""
            + "local backed_up = redis.call('ZRANGE', KEYS[2], 0, -1, 'WITHSCORES')\n"
            + "for i = #backed_up, 1, -2 do\n"
            + "    redis.call('ZADD', KEYS[1], backed_up[i], backed_up[i - 1])\n"
            + "end\n"
            + "redis.call('DEL', KEYS[2])\n"
            + "return 'OK'\n"),

    /**
     * session save: KEYS[1] the session hash, KEYS[2] (if logged in) its user's set of sessions;
     * ARGV[1] expiry in epoch ms, ARGV[2] now in epoch ms, then field, value, ... Replaces the
     * session, expires it with its expiry, and keeps the user's set as long as its longest session.
     */
    SESSION_SAVE(ScriptOutputType.INTEGER, ""
            + "redis.call('DEL', KEYS[1])\n"
            + "redis.call('HSET', KEYS[1], unpack(ARGV, 3))\n"
            + "redis.call('PEXPIREAT', KEYS[1], ARGV[1])\n"
            + "if KEYS[2] then\n"
            + "  redis.call('SADD', KEYS[2], KEYS[1])\n"
            + "  local ttl = tonumber(ARGV[1]) - tonumber(ARGV[2])\n"
            + "  if redis.call('PTTL', KEYS[2]) < ttl then redis.call('PEXPIRE', KEYS[2], ttl) end\n"
            + "end\n"
            + "return 0\n"),

    /**
     * end a user's sessions: KEYS[1] the user's set; ARGV[1] the user id. Deletes the sessions in
     * the set that still belong to that user (a session may have changed hands since it joined).
     */
    SESSION_DELETE_USER(ScriptOutputType.INTEGER, ""
            + "local deleted = 0\n"
            + "for _, key in ipairs(redis.call('SMEMBERS', KEYS[1])) do\n"
            + "  if redis.call('HGET', key, 'u') == ARGV[1] then\n"
            + "    redis.call('DEL', key)\n"
            + "    deleted = deleted + 1\n"
            + "  end\n"
            + "end\n"
            + "redis.call('DEL', KEYS[1])\n"
            + "return deleted\n"),

    /** flush: ARGV[1] a key pattern; deletes every matching key, as channels_redis' flush does. */
    FLUSH(ScriptOutputType.INTEGER, ""
            + "local keys = redis.call('KEYS', ARGV[1])\n"
            + "for i = 1, #keys, 5000 do\n"
            + "    redis.call('DEL', unpack(keys, i, math.min(i + 4999, #keys)))\n"
            + "end\n"
            + "return #keys\n");

    private static final byte[][] NO_KEYS = new byte[0][];

    private final ScriptOutputType output;
    private final byte[] source;
    private final String sha;

    Scripts(ScriptOutputType output, String source) {
        this.output = output;
        this.source = source.getBytes(StandardCharsets.UTF_8);
        this.sha = sha1(this.source);
    }

    /**
     * Runs the script on an asynchronous connection.
     *
     * @param commands the connection's commands
     * @param keys the KEYS
     * @param args the ARGV
     * @param <T> the reply type
     * @return the reply
     */
    public <T> CompletionStage<T> run(RedisClusterAsyncCommands<byte[], byte[]> commands, byte[][] keys, byte[]... args) {
        CompletableFuture<T> first = commands.<T>evalsha(sha, output, keys, args).toCompletableFuture();
        return first.handle((result, failure) -> {
            if (failure == null) {
                return CompletableFuture.completedFuture(result);
            }
            Throwable cause = Stages.unwrap(failure);
            if (cause instanceof RedisNoScriptException) {
                // the server forgot its script cache (restart, SCRIPT FLUSH): send the source once
                return commands.<T>eval(source, output, keys, args).toCompletableFuture();
            }
            return CompletableFuture.<T>failedFuture(cause);
        }).thenCompose(stage -> stage);
    }

    /**
     * Runs the script on a synchronous connection.
     *
     * @param commands the connection's commands
     * @param keys the KEYS
     * @param args the ARGV
     * @param <T> the reply type
     * @return the reply
     */
    public <T> T runSync(RedisClusterCommands<byte[], byte[]> commands, byte[][] keys, byte[]... args) {
        try {
            return commands.evalsha(sha, output, keys, args);
        } catch (RedisNoScriptException e) {
            return commands.eval(source, output, keys, args);
        }
    }

    /** @return an empty KEYS array */
    public static byte[][] noKeys() {
        return NO_KEYS;
    }

    private static String sha1(byte[] source) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-1").digest(source));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK has no SHA-1", e);
        }
    }
}
