/**
 * The load client: a Netty WebSocket client with its own event loops that opens N connections to
 * 127.0.0.1, checks they are joined, triggers a burst with {@code GET /home?count=K&delay=0}, and
 * counts every delivery per connection; plus an echo mode for round trips.
 */
package dev.notify.bench.client;
