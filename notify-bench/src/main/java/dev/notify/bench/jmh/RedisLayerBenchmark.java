package dev.notify.bench.jmh;

import dev.notify.bench.process.RedisServer;
import dev.notify.config.NotifyConfig;
import dev.notify.core.ChannelLayers;
import dev.notify.layer.ChannelLayer;
import dev.notify.redis.RedisLayerOptions;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.openjdk.jmh.annotations.Param;

/**
 * {@link LayerBenchmark} on the Redis layers, each against a {@code redis-server} of its own that the
 * benchmark starts on a free port of 127.0.0.1 and stops.
 */
public class RedisLayerBenchmark extends LayerBenchmark {
    @Param({"redis", "redis-pubsub"})
    public String layer;

    private RedisServer redis;
    private Path log;

    @Override
    protected ChannelLayer createLayer() throws Exception {
        log = Files.createTempFile("notify-bench-redis", ".log");
        redis = RedisServer.start(log, Duration.ofSeconds(10));
        return ChannelLayers.fromConfig(NotifyConfig.fromMap(Map.of(ChannelLayers.LAYER_KEY, layer, RedisLayerOptions.URL_KEY, redis.url())));
    }

    @Override
    protected void release() throws IOException {
        redis.close();
        Files.deleteIfExists(log);
    }
}
