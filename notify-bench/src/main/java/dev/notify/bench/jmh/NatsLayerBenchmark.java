package dev.notify.bench.jmh;

import dev.notify.bench.process.NatsServer;
import dev.notify.config.NotifyConfig;
import dev.notify.core.ChannelLayers;
import dev.notify.layer.ChannelLayer;
import dev.notify.nats.NatsLayerOptions;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

/**
 * {@link LayerBenchmark} on the NATS layer, against a {@code nats-server} of its own that the
 * benchmark starts on a free port of 127.0.0.1 and stops.
 */
public class NatsLayerBenchmark extends LayerBenchmark {
    private NatsServer nats;
    private Path log;

    @Override
    protected ChannelLayer createLayer() throws Exception {
        log = Files.createTempFile("notify-bench-nats", ".log");
        nats = NatsServer.start(log, Duration.ofSeconds(10));
        return ChannelLayers.fromConfig(NotifyConfig.fromMap(Map.of(ChannelLayers.LAYER_KEY, "nats",
                NatsLayerOptions.URL_KEY, nats.url())));
    }

    @Override
    protected void release() throws IOException {
        nats.close();
        Files.deleteIfExists(log);
    }
}
