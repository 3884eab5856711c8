/**
 * The load client: a WebSocket client on raw bytes with its own Netty event loops that opens N
 * connections to 127.0.0.1 (from 127.0.0.2, 127.0.0.3, … past one address's local ports), checks they
 * are joined, triggers K group messages with {@code GET /home?count=K&delay=S} (a burst, or paced), and
 * counts every delivery per connection with its latency and the CPU both sides spent; plus an echo mode
 * for round trips.
 */
package dev.notify.bench.client;
