/**
 * Internal: not API; may change without notice.
 *
 * <p>The server's Netty pipeline, in the order a connection meets it: {@link
 * dev.notify.netty.internal.NotifyServerInitializer} assembles TLS, the request deadline, the HTTP
 * codec, the idle timer, the aggregator, permessage-deflate negotiation, the HSTS header and {@link
 * dev.notify.netty.internal.HttpRequestHandler}; an upgrade request goes to {@link
 * dev.notify.netty.internal.WebSocketHandshakeHandler}, which defers the handshake until the consumer
 * accepts; then the frame decoder, {@link dev.notify.netty.internal.ReservedBitsValidator}, the UTF-8
 * check, the keepalive and the aggregator lead to {@link dev.notify.netty.internal.WebSocketBridgeHandler},
 * which carries frames to the runtime and fails the connection on bad input, and {@link
 * dev.notify.netty.internal.NettyConnection} carries the consumer's frames back and reports the end
 * of the channel, however it ends, once.
 */
package dev.notify.netty.internal;
