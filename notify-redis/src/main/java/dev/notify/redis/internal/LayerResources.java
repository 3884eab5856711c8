package dev.notify.redis.internal;

import io.lettuce.core.resource.ClientResources;
import io.lettuce.core.resource.DefaultClientResources;
import io.lettuce.core.resource.Delay;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/** The threads of one layer: Lettuce's I/O threads and one housekeeping thread. */
public final class LayerResources implements AutoCloseable {
    private final ClientResources clientResources;
    private final ScheduledExecutorService scheduler;

    /** @param name the thread name prefix */
    public LayerResources(String name) {
        this.clientResources = DefaultClientResources.builder()
                .ioThreadPoolSize(2)
                .computationThreadPoolSize(2)
                .reconnectDelay(Delay.exponential(Duration.ofMillis(50), Duration.ofSeconds(2), 2, TimeUnit.MILLISECONDS))
                .build();
        this.scheduler = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, name + "-housekeeping");
            thread.setDaemon(true);
            return thread;
        });
    }

    /**
     * Connects one shard per URI, in order.
     *
     * @param uris the Redis URIs
     * @return the shards
     * @throws dev.notify.layer.ChannelLayerException naming the first server that cannot be reached
     */
    public RedisShards connect(List<String> uris) {
        List<RedisShard> shards = new ArrayList<>();
        try {
            for (String uri : uris) {
                shards.add(RedisShard.connect(uri, clientResources));
            }
        } catch (RuntimeException e) {
            shards.forEach(RedisShard::close);
            throw e;
        }
        return new RedisShards(shards);
    }

    /** @return the housekeeping thread */
    public ScheduledExecutorService scheduler() {
        return scheduler;
    }

    @Override
    public void close() {
        scheduler.shutdownNow();
        clientResources.shutdown(0, 2, TimeUnit.SECONDS);
    }
}
