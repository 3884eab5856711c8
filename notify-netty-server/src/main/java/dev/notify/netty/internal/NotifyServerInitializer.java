package dev.notify.netty.internal;

import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.websocketx.extensions.compression.WebSocketServerCompressionHandler;
import io.netty.handler.timeout.IdleStateHandler;
import java.util.concurrent.TimeUnit;

/**
 * Assembles a new connection's pipeline: the connection registry, TLS if configured, the request
 * deadline, the HTTP codec, the idle timer, the request aggregator, permessage-deflate negotiation
 * if enabled, the HSTS header with TLS, and the HTTP handler. The WebSocket handlers replace part of
 * it when a handshake is accepted.
 */
public final class NotifyServerInitializer extends ChannelInitializer<Channel> {
    static final String IDLE = "idle";

    private final ServerContext server;

    public NotifyServerInitializer(ServerContext server) {
        this.server = server;
    }

    @Override
    protected void initChannel(Channel channel) {
        server.connections().add(channel);
        ChannelPipeline pipeline = channel.pipeline();
        pipeline.addLast("connections", server.connections());
        if (server.sslContext() != null) {
            pipeline.addLast("tls", server.sslContext().newHandler(channel.alloc()));
        }
        RequestDeadlineHandler deadline = new RequestDeadlineHandler(server.options().requestReadTimeout());
        pipeline.addLast(RequestDeadlineHandler.NAME, deadline);
        pipeline.addLast("http-codec", new HttpServerCodec());
        pipeline.addLast(IDLE, new IdleStateHandler(0, 0, server.options().idleTimeout().toNanos(), TimeUnit.NANOSECONDS));
        pipeline.addLast("http-aggregator", new HttpObjectAggregator(server.options().maxHttpContentLength()));
        if (server.options().compression()) {
            pipeline.addLast("ws-compression", new WebSocketServerCompressionHandler(server.options().maxFramePayload()));
        }
        if (server.hsts() != null) {
            pipeline.addLast(StrictTransportSecurity.NAME, server.hsts());
        }
        pipeline.addLast("http", new HttpRequestHandler(server, deadline));
    }
}
