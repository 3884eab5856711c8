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

/**
 * The threads of one layer or session store: Lettuce's I/O threads and, made on first use, one
 * housekeeping thread.
 */
public final class LayerResources implements AutoCloseable {
    private final String name;
    private final ClientResources clientResources;
    private ScheduledExecutorService scheduler;

    /** @param name the thread name prefix */
    public LayerResources(String name) {
        this.name = name;
        this.clientResources = DefaultClientResources.builder()
                .ioThreadPoolSize(2)
                .computationThreadPoolSize(2)
                .reconnectDelay(Delay.exponential(Duration.ofMillis(50), Duration.ofSeconds(2), 2, TimeUnit.MILLISECONDS))
                .build();
    }

    /**
     * Connects one shard per URI, in order.
     *
     * @param uris the Redis URIs
     * @param consequence what an outage means for the layer, for its log line
     * @return the shards
     * @throws dev.notify.layer.ChannelLayerException naming the first server that cannot be reached
     */
    public RedisShards connect(List<String> uris, String consequence) {
        List<RedisShard> shards = new ArrayList<>();
        try {
            for (String uri : uris) {
                shards.add(RedisShard.connect(uri, clientResources, consequence));
            }
        } catch (RuntimeException e) {
            shards.forEach(RedisShard::close);
            throw e;
        }
        return new RedisShards(shards);
    }

    /**
     * Connects to a Redis Cluster through its seed nodes.
     *
     * @param seeds the seed nodes' URIs
     * @param consequence what an outage means for the layer, for its log line
     * @return the cluster, as one shard per hash slot
     * @throws dev.notify.layer.ChannelLayerException naming the seeds if none can be reached
     */
    public RedisShards connectCluster(List<String> seeds, String consequence) {
        return new RedisShards(List.of(RedisShard.connectCluster(seeds, clientResources, consequence)));
    }

    /** @return the housekeeping thread */
    public synchronized ScheduledExecutorService scheduler() {
        if (scheduler == null) {
            scheduler = Executors.newSingleThreadScheduledExecutor(runnable -> {
                Thread thread = new Thread(runnable, name + "-housekeeping");
                thread.setDaemon(true);
                return thread;
            });
        }
        return scheduler;
    }

    @Override
    public void close() {
        synchronized (this) {
            if (scheduler != null) {
                scheduler.shutdownNow();
            }
        }
        clientResources.shutdown(0, 2, TimeUnit.SECONDS);
    }
}
