/**
 * For authors of channel layer backends: everything a backend needs, so that it depends on
 * notify-api alone (as notify-inmemory and notify-redis do).
 *
 * <h2>Writing a backend</h2>
 * <ol>
 *   <li>Extend {@link dev.notify.spi.AbstractChannelLayer}. It checks names and messages, fails
 *       every operation after close, and names channels {@code prefix.<process>!<random>}; the
 *       backend implements {@code doSend}, {@code doReceive}, {@code doGroupAdd},
 *       {@code doGroupDiscard}, {@code doGroupSend}, {@code doFlush} and {@code doClose}, and
 *       overrides {@code doNewChannel} if it must prepare to receive on a new channel.</li>
 *   <li>Keep what arrives for this process's channels in {@link dev.notify.spi.Mailboxes}: bounded
 *       per-channel queues with expiry whose receivers are woken in order, without polling, and may
 *       cancel without losing a message.</li>
 *   <li>Keep local group memberships, if the backend does not store them, in a
 *       {@link dev.notify.spi.GroupRegistry}, which expires them after the group expiry.</li>
 *   <li>Read the backend's options with a {@link dev.notify.spi.ConfigReader}, which reports every
 *       bad key at once; {@link dev.notify.spi.CapacityPolicy} reads Channels' {@code capacity}
 *       and {@code channel_capacity}.</li>
 *   <li>Implement {@link dev.notify.spi.ChannelLayerProvider} and register it in
 *       {@code META-INF/services/dev.notify.spi.ChannelLayerProvider} (and with
 *       {@code provides ... with ...} in a module descriptor).</li>
 *   <li>Run the compatibility kit: subclass {@code dev.notify.tck.ChannelLayerCompatibilityKit} from
 *       notify-core's test-jar (a test-scope dependency), as the in-memory and Redis layers do.</li>
 * </ol>
 *
 * <p>Failures of a stage are unwrapped with {@link dev.notify.layer.Stages#unwrap(Throwable)}.
 * Logging is the backend's own (notify-api has no logging dependency).
 */
package dev.notify.spi;
