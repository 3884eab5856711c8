/**
 * notify: Django Channels' model of real-time messaging for the JVM. Start here.
 *
 * <ul>
 *   <li>{@link dev.notify.layer} — the {@link dev.notify.layer.ChannelLayer}: send to a channel,
 *       receive from it, groups, and the immutable {@link dev.notify.layer.Message}.</li>
 *   <li>{@link dev.notify.consumer} — one {@link dev.notify.consumer.WebSocketConsumer} (or
 *       {@link dev.notify.consumer.AsyncWebSocketConsumer}) per connection, its
 *       {@link dev.notify.consumer.WebSocketSession} and {@link dev.notify.consumer.Scope}.</li>
 *   <li>{@link dev.notify.http} — plain HTTP handlers served next to the consumers, and streaming
 *       HTTP consumers (Server-Sent Events).</li>
 *   <li>{@link dev.notify.auth} — the {@link dev.notify.auth.User} and {@link dev.notify.auth.Session}
 *       that middleware puts on a scope, and the session store SPI.</li>
 *   <li>{@link dev.notify.json} — the server's JSON codec: {@code sendJson}, JSON consumers and
 *       HTTP bodies, and records to and from messages.</li>
 *   <li>{@link dev.notify.config} — key/value configuration that picks and tunes a layer.</li>
 *   <li>{@link dev.notify.metrics} — the meters of the server, the runtime and the layers, for a
 *       metrics library such as Micrometer.</li>
 *   <li>{@link dev.notify.spi} — for authors of channel layer backends.</li>
 * </ul>
 *
 * <p>Unless a method says otherwise, parameters and return values are never {@code null}.
 * Every exception notify throws on its own account extends {@link dev.notify.NotifyException}.
 */
package dev.notify;
