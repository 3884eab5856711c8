/**
 * The bare Netty servers that notify is measured against: same interface as the example app
 * ({@code /ws/test/}, {@code GET /home?count=K&delay=S}, the echo reply), no framework in between, three
 * ways of writing a group message ({@link dev.notify.bench.bare.FlushPolicy}). The naive one flushes per
 * message and connection, the per-turn one batches what is queued when its task runs (as a server that
 * receives messages one at a time can), and the whole-burst one, which knows the burst, writes all of it
 * to each connection and flushes once: the ceiling.
 */
package dev.notify.bench.bare;
