package dev.notify.layer;

import java.util.Objects;

/**
 * Whether a channel layer can serve operations right now: what a readiness probe reports. A layer
 * whose backend is unreachable (Redis down, NATS disconnected) is {@linkplain #down down} until it
 * has reconnected; operations meanwhile fail fast with {@link ChannelLayerException}.
 *
 * @param up whether operations can succeed now
 * @param detail one line for an operator: the backend's address and, when down, since when and why
 * @since 0.2
 */
public record LayerHealth(boolean up, String detail) {
    /** The health of a layer that has no backend to lose, such as the in-memory layer. */
    public static final LayerHealth UP = new LayerHealth(true, "up");

    /**
     * @param up whether operations can succeed now
     * @param detail one line for an operator
     */
    public LayerHealth {
        Objects.requireNonNull(detail, "detail");
    }

    /**
     * @param detail one line for an operator, such as {@code "redis://127.0.0.1:6379 connected"}
     * @return a healthy state
     */
    public static LayerHealth up(String detail) {
        return new LayerHealth(true, detail);
    }

    /**
     * @param detail one line for an operator, such as
     *     {@code "redis://127.0.0.1:6379 unreachable since 12:00:03Z: Connection refused"}
     * @return an unhealthy state
     */
    public static LayerHealth down(String detail) {
        return new LayerHealth(false, detail);
    }
}
