package dev.notify.nats;

import dev.notify.layer.LayerHealth;
import io.nats.client.Connection;
import io.nats.client.ConnectionListener;
import io.nats.client.Consumer;
import io.nats.client.ErrorListener;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Follows the connection's events: keeps the layer's health, and logs an outage once when it starts
 * and once when it ends, however many reconnect attempts lie between (the client's own per-attempt
 * errors go to DEBUG).
 */
final class ConnectionWatch implements ConnectionListener, ErrorListener {
    private static final Logger LOG = LoggerFactory.getLogger(NatsChannelLayer.class);

    private final List<String> urls;
    private volatile LayerHealth health;
    private volatile Instant downSince;
    private volatile String lastError = "connection lost";

    ConnectionWatch(List<String> urls) {
        this.urls = urls;
        this.health = LayerHealth.down(urls + " not connected yet");
    }

    LayerHealth health() {
        return health;
    }

    @Override
    public void connectionEvent(Connection connection, Events event) {
        switch (event) {
            case CONNECTED -> health = LayerHealth.up(connectedUrl(connection) + " connected");
            case DISCONNECTED -> {
                if (downSince == null) {
                    downSince = Instant.now().truncatedTo(ChronoUnit.SECONDS);
                    LOG.warn("lost the connection to NATS ({}): {}; reconnecting, operations fail until then",
                            urls, lastError);
                }
                health = LayerHealth.down(urls + " unreachable since " + downSince + ": " + lastError);
            }
            case RECONNECTED -> {
                Instant since = downSince;
                downSince = null;
                health = LayerHealth.up(connectedUrl(connection) + " connected");
                LOG.info("reconnected to NATS at {} after an outage since {}; subscriptions restored",
                        connectedUrl(connection), since);
            }
            case CLOSED -> health = LayerHealth.down(urls + " closed");
            default -> LOG.debug("NATS {}: {}", event, connectedUrl(connection));
        }
    }

    private static String connectedUrl(Connection connection) {
        return NatsLayerOptions.redact(String.valueOf(connection.getConnectedUrl()));
    }

    @Override
    public void errorOccurred(Connection connection, String error) {
        lastError = NatsLayerOptions.redact(error);
        LOG.warn("NATS server error: {}", lastError);
    }

    @Override
    public void exceptionOccurred(Connection connection, Exception exception) {
        lastError = NatsLayerOptions.redact(exception.toString());
        LOG.debug("NATS connection: {}", lastError);
    }

    @Override
    public void slowConsumerDetected(Connection connection, Consumer consumer) {
        LOG.warn("NATS messages were dropped because this process did not keep up with them ({} dropped so far)",
                consumer.getDroppedCount());
    }
}
