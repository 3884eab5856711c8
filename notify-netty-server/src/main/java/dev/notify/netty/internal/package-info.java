/**
 * Internal: not API; may change without notice.
 *
 * <p>The server's Netty pipeline, in the order a connection meets it: {@link
 * dev.notify.netty.internal.NotifyServerInitializer} assembles TLS, the HTTP codec, the idle timer,
 * the aggregator, permessage-deflate negotiation and {@link dev.notify.netty.internal.HttpRequestHandler};
 * an upgrade request goes to {@link dev.notify.netty.internal.WebSocketHandshakeHandler}, which defers
 * the handshake until the consumer accepts; then {@link dev.notify.netty.internal.WebSocketBridgeHandler}
 * carries frames to the runtime and {@link dev.notify.netty.internal.NettyConnection} carries the
 * consumer's frames back.
 */
package dev.notify.netty.internal;
