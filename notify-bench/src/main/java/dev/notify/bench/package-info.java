/**
 * The fan-out benchmark of notify (not published). {@link dev.notify.bench.Compare} runs the whole
 * comparison and writes {@code notify-bench/RESULTS.md}: the {@linkplain dev.notify.bench.client load
 * client} drives notify and two {@linkplain dev.notify.bench.ceiling bare Netty ceilings} through the
 * same interface ({@code /ws/test/} and {@code GET /home?count=K&delay=0}), each server in its own JVM.
 * Everything talks to 127.0.0.1 only and is bounded in time and count.
 */
package dev.notify.bench;
