package dev.notify.nats;

import dev.notify.layer.LayerHealth;
import io.nats.client.Connection;
import io.nats.client.ConnectionListener;
import io.nats.client.Consumer;
import io.nats.client.ErrorListener;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tells the layer's health from its connection, and follows the connection's events: an outage is
 * logged once when it starts and once when it ends, however many reconnect attempts lie between (the
 * client's own per-attempt errors go to DEBUG).
 */
final class ConnectionWatch implements ConnectionListener, ErrorListener {
    private static final Logger LOG = LoggerFactory.getLogger(NatsChannelLayer.class);

    private final List<String> urls;
    private final AtomicReference<Instant> downSince = new AtomicReference<>();
    private final AtomicBoolean outageLogged = new AtomicBoolean();
    /** Whether the first connect succeeded: the attempts of a failed first connect are no outage. */
    private volatile boolean connected;
    private volatile String lastError = "connection lost";

    ConnectionWatch(List<String> urls) {
        this.urls = urls;
    }

    /**
     * Reads the connection's status, which the client updates before it reports the event, so that
     * a probe never sees an outage late.
     */
    LayerHealth health(Connection connection) {
        return switch (connection.getStatus()) {
            case CONNECTED -> LayerHealth.up(connectedUrl(connection) + " connected");
            case CLOSED -> LayerHealth.down(urls + " closed");
            default -> LayerHealth.down(urls + " unreachable since " + outageStart() + ": " + lastError);
        };
    }

    @Override
    public void connectionEvent(Connection connection, Events event) {
        switch (event) {
            case CONNECTED -> connected = true;
            case DISCONNECTED -> {
                Instant since = outageStart();
                if (connected && outageLogged.compareAndSet(false, true)) {
                    LOG.warn("lost the connection to NATS ({}) at {}: {}; reconnecting, operations fail until then",
                            urls, since, lastError);
                }
            }
            case RECONNECTED -> {
                Instant since = downSince.getAndSet(null);
                outageLogged.set(false);
                LOG.info("reconnected to NATS at {} after an outage since {}; subscriptions restored",
                        connectedUrl(connection), since);
            }
            default -> LOG.debug("NATS {}: {}", event, connectedUrl(connection));
        }
    }

    private Instant outageStart() {
        return downSince.updateAndGet(since -> since != null ? since : Instant.now().truncatedTo(ChronoUnit.SECONDS));
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
