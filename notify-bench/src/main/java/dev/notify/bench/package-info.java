/**
 * The fan-out benchmark of notify (not published). {@link dev.notify.bench.Compare} runs the whole
 * comparison and writes {@code notify-bench/RESULTS.md}: the {@linkplain dev.notify.bench.client load
 * client} drives notify and three {@linkplain dev.notify.bench.bare bare Netty servers}, the ceiling among
 * them, through the same interface ({@code /ws/test/} and {@code GET /home?count=K&delay=S}), each server
 * in its own JVM, and measures deliveries/s, latency, memory and the CPU each side spends per delivery.
 * Everything talks to 127.0.0.x only and is bounded in time and count.
 */
package dev.notify.bench;
