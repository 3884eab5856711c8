package dev.notify.netty.internal;

import dev.notify.LogText;
import dev.notify.consumer.Scope;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelOption;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.ChannelPromise;
import io.netty.handler.codec.http.DefaultHttpHeaders;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.websocketx.Utf8FrameValidator;
import io.netty.handler.codec.http.websocketx.WebSocketFrameAggregator;
import io.netty.handler.codec.http.websocketx.WebSocketFrameDecoder;
import io.netty.handler.codec.http.websocketx.WebSocketHandshakeException;
import io.netty.handler.codec.http.websocketx.WebSocketServerHandshaker13;
import io.netty.handler.codec.http.websocketx.extensions.WebSocketExtensionEncoder;
import io.netty.util.ReferenceCountUtil;
import io.netty.util.concurrent.ScheduledFuture;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Holds a WebSocket upgrade request while the consumer decides: it checks the request, builds the
 * scope, opens the connection in the runtime, and then completes the handshake when the runtime
 * accepts (with the chosen subprotocol) or answers with the HTTP status of its rejection. On success
 * it installs the frame handlers and gives its place to the {@link WebSocketBridgeHandler}.
 */
final class WebSocketHandshakeHandler extends ChannelInboundHandlerAdapter {
    static final String NAME = "ws-handshake";

    private static final Logger log = LoggerFactory.getLogger(WebSocketHandshakeHandler.class);

    private final ServerContext server;
    private ChannelHandlerContext ctx;
    private FullHttpRequest request;
    private NettyConnection connection;
    private ScheduledFuture<?> timeout;
    private boolean decided;

    WebSocketHandshakeHandler(ServerContext server) {
        this.server = server;
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        this.ctx = ctx;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (!(msg instanceof FullHttpRequest upgrade) || connection != null || decided) {
            ReferenceCountUtil.release(msg); // nothing may follow an upgrade request until it is answered
            return;
        }
        String problem = problem(upgrade);
        if (problem != null) {
            String version = upgrade.headers().get(HttpHeaderNames.SEC_WEBSOCKET_VERSION);
            int status = version != null && !"13".equals(version.trim()) ? 426 : 400;
            String path = upgrade.uri();
            upgrade.release();
            reject(status, problem, path, status == 426 ? Map.of("Sec-WebSocket-Version", "13") : Map.of());
            return;
        }
        Scope scope;
        try {
            scope = Scopes.of(Scope.Type.WEBSOCKET, upgrade, ctx.channel());
        } catch (IllegalArgumentException e) {
            String path = upgrade.uri();
            upgrade.release();
            reject(400, "undecodable request target: " + e.getMessage(), path, Map.of());
            return;
        }
        request = upgrade;
        connection = new NettyConnection(ctx.channel(), server, this, scope);
        timeout = ctx.executor().schedule(
                () -> reject(503, "the consumer neither accepted nor rejected within " + server.options().handshakeTimeout()),
                server.options().handshakeTimeout().toNanos(), TimeUnit.NANOSECONDS);
        try {
            connection.bind(server.runtime().open(scope, connection));
        } catch (RuntimeException e) {
            log.error("opening a WebSocket connection on {} failed", scope.path(), e);
            reject(500, "the server failed to open the connection");
        }
    }

    /** @return why this is not a WebSocket handshake we can answer, or {@code null} */
    private static String problem(FullHttpRequest upgrade) {
        if (!HttpMethod.GET.equals(upgrade.method())) {
            return "a WebSocket handshake must be a GET, not " + upgrade.method();
        }
        if (!upgrade.headers().containsValue(HttpHeaderNames.CONNECTION, HttpHeaderValues.UPGRADE, true)) {
            return "a WebSocket handshake needs 'Connection: Upgrade'";
        }
        String version = upgrade.headers().get(HttpHeaderNames.SEC_WEBSOCKET_VERSION);
        if (version == null || !"13".equals(version.trim())) {
            return "unsupported WebSocket version " + version + "; this server speaks version 13 (RFC 6455)";
        }
        String key = upgrade.headers().get(HttpHeaderNames.SEC_WEBSOCKET_KEY);
        if (key == null || key.isBlank()) {
            return "a WebSocket handshake needs a Sec-WebSocket-Key";
        }
        return null;
    }

    /** Completes the handshake, with the headers middleware added; on the event loop. */
    void accept(String subprotocol, Map<String, List<String>> headers) {
        if (decided || !ctx.channel().isActive()) {
            return;
        }
        decided = true;
        timeout.cancel(false);
        FullHttpRequest upgrade = request;
        request = null;
        String url = (server.sslContext() != null ? "wss://" : "ws://") + upgrade.headers().get(HttpHeaderNames.HOST, "localhost")
                + upgrade.uri();
        ChannelPromise handshake = ctx.newPromise();
        HttpHeaders extra = null;
        if (!headers.isEmpty()) {
            extra = new DefaultHttpHeaders();
            for (Map.Entry<String, List<String>> header : headers.entrySet()) {
                extra.add(header.getKey(), header.getValue());
            }
        }
        try {
            new WebSocketServerHandshaker13(url, subprotocol, server.decoderConfig()) {
                @Override
                protected WebSocketFrameDecoder newWebsocketDecoder() {
                    return new CloseCheckingFrameDecoder(decoderConfig());
                }
            }.handshake(ctx.channel(), upgrade, extra, handshake);
        } catch (WebSocketHandshakeException e) {
            // checked before the runtime saw the request; kept as a guard against a differing Netty check
            log.info("websocket handshake failed path={} client={} reason={}", connection.path(), ctx.channel().remoteAddress(),
                    e.getMessage());
            HttpResponses.sendAndClose(ctx, 400, e.getMessage(), Map.of());
            return;
        } finally {
            upgrade.release();
        }
        handshake.addListener(done -> {
            if (done.isSuccess()) {
                open();
            } else {
                log.debug("writing the handshake response to {} failed: {}", ctx.channel().remoteAddress(), done.cause().toString());
                ctx.close();
            }
        });
    }

    private void open() {
        ChannelPipeline pipeline = ctx.pipeline();
        if (pipeline.get(NotifyServerInitializer.IDLE) != null) {
            pipeline.remove(NotifyServerInitializer.IDLE);
        }
        if (pipeline.get(StrictTransportSecurity.NAME) != null) {
            pipeline.remove(StrictTransportSecurity.NAME);
        }
        boolean compressed = pipeline.get(WebSocketExtensionEncoder.class) != null;
        int sendBuffer = server.options().webSocketSendBuffer();
        if (sendBuffer > 0) {
            // a fixed kernel buffer: autotuning would take megabytes of a client that stops reading
            ctx.channel().config().setOption(ChannelOption.SO_SNDBUF, sendBuffer);
        }
        pipeline.addAfter(pipeline.context(WebSocketFrameDecoder.class).name(), ReservedBitsValidator.NAME,
                new ReservedBitsValidator(compressed));
        pipeline.addBefore(NAME, "ws-utf8", new Utf8FrameValidator(false)); // the bridge sends the close frame
        if (!server.options().pingInterval().isZero()) {
            pipeline.addBefore(NAME, "ws-keepalive", new WebSocketKeepaliveHandler(
                    server.options().pingInterval(), server.options().pingTimeout()));
        }
        pipeline.addBefore(NAME, "ws-aggregator", new WebSocketFrameAggregator(server.options().maxFramePayload()));
        pipeline.replace(this, WebSocketBridgeHandler.NAME, new WebSocketBridgeHandler(connection));
        connection.opened(compressed);
    }

    /** Fails the handshake with an HTTP status; on the event loop. */
    void reject(int status, String reason) {
        reject(status, reason, connection != null ? connection.path() : "-", Map.of());
    }

    private void reject(int status, String reason, String path, Map<String, String> headers) {
        if (decided) {
            return;
        }
        decided = true;
        if (timeout != null) {
            timeout.cancel(false);
        }
        if (request != null) {
            request.release();
            request = null;
        }
        log.info("websocket handshake rejected status={} path={} client={} reason={}",
                status, LogText.of(path), ctx.channel().remoteAddress(), LogText.of(reason));
        HttpResponses.sendAndClose(ctx, status, reason, headers);
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) throws Exception {
        if (evt == LiveConnections.ShutdownEvent.INSTANCE) {
            if (connection == null) {
                ctx.close();
            } else {
                reject(503, "the server is shutting down");
            }
        }
        // the idle timer does not apply: the handshake timeout does
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) throws Exception {
        // the connection reports its end to the runtime by itself, from the channel's close future
        decided = true;
        if (timeout != null) {
            timeout.cancel(false);
        }
        if (request != null) {
            request.release();
            request = null;
        }
        super.channelInactive(ctx);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        if (ConnectionErrors.clientGone(ctx.channel(), cause)) {
            log.debug("connection from {} ended during the handshake: {}", ctx.channel().remoteAddress(), cause.toString());
        } else {
            log.warn("closing connection from {} after an error during the handshake", ctx.channel().remoteAddress(), cause);
        }
        ctx.close();
    }
}
