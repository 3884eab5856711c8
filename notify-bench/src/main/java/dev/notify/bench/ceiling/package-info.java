/**
 * The two bare Netty servers that notify is measured against: same interface as the example app
 * ({@code /ws/test/}, {@code GET /home?count=K&delay=S}, the echo reply), no framework in between.
 * {@link dev.notify.bench.ceiling.CeilingMode#FLUSH_EACH} is the naive {@code ChannelGroup.writeAndFlush}
 * per message; {@link dev.notify.bench.ceiling.CeilingMode#BATCHED} writes a connection's queued messages
 * and flushes once.
 */
package dev.notify.bench.ceiling;
