package dev.notify.netty.internal;

import dev.notify.LogText;
import dev.notify.consumer.Scope;
import dev.notify.core.routing.Router;
import dev.notify.http.HttpRequest;
import dev.notify.http.HttpResponse;
import io.netty.buffer.ByteBufUtil;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelOption;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.timeout.IdleStateEvent;
import io.netty.util.ReferenceCountUtil;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Answers plain HTTP requests through the runtime, one at a time and in order (pipelined requests
 * wait), with keep-alive and HEAD; hands a WebSocket upgrade request to a new
 * {@link WebSocketHandshakeHandler} and leaves the pipeline; hands a request to a streaming route to
 * a {@link NettyHttpStream}, after whose response the connection closes. Malformed requests (an HTTP/1.1 one
 * without a {@code Host}, any with two included) get 400, a plain request to a WebSocket-only path
 * 426, a request that does not arrive within the request read timeout 408. Closes the connection
 * when it has been idle for the idle timeout, and after the response in flight when the server
 * shuts down.
 */
final class HttpRequestHandler extends ChannelInboundHandlerAdapter {
    private static final Logger log = LoggerFactory.getLogger(HttpRequestHandler.class);

    private final ServerContext server;
    private final RequestDeadlineHandler deadline;
    private final ArrayDeque<FullHttpRequest> waiting = new ArrayDeque<>(2);
    private boolean inFlight;
    private boolean closing;
    private boolean streaming;

    HttpRequestHandler(ServerContext server, RequestDeadlineHandler deadline) {
        this.server = server;
        this.deadline = deadline;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (msg instanceof FullHttpRequest request) {
            deadline.requestReceived();
            if (closing) {
                request.release();
                return;
            }
            waiting.add(request);
            next(ctx);
        } else {
            ReferenceCountUtil.release(msg);
        }
    }

    private void next(ChannelHandlerContext ctx) {
        while (!inFlight && !closing && !waiting.isEmpty()) {
            FullHttpRequest request = waiting.poll();
            String problem = request.decoderResult().isFailure() ? request.decoderResult().cause().toString() : hostProblem(request);
            if (problem != null) {
                log.debug("malformed request from {}: {}", ctx.channel().remoteAddress(), LogText.of(problem));
                String method = request.method().name();
                String path = AccessLog.pathOf(request.uri());
                request.release();
                reject(ctx, 400, "Bad Request", Map.of(), null, method, path);
            } else if (isUpgrade(request)) {
                upgrade(ctx, request);
            } else {
                dispatch(ctx, request);
            }
        }
    }

    private void upgrade(ChannelHandlerContext ctx, FullHttpRequest request) {
        // a connection that upgrades is not HTTP any more: what the client pipelined after it is dropped
        waiting.forEach(FullHttpRequest::release);
        waiting.clear();
        closing = true;
        ctx.pipeline().remove(deadline);
        ctx.pipeline().addAfter(ctx.name(), WebSocketHandshakeHandler.NAME, new WebSocketHandshakeHandler(server));
        ctx.fireChannelRead(request);
        ctx.pipeline().remove(this);
    }

    private void dispatch(ChannelHandlerContext ctx, FullHttpRequest nettyRequest) {
        long start = System.nanoTime();
        boolean keepAlive = HttpUtil.isKeepAlive(nettyRequest);
        boolean head = HttpMethod.HEAD.equals(nettyRequest.method());
        HttpRequest request;
        try {
            Scope scope = Scopes.of(Scope.Type.HTTP, nettyRequest, ctx.channel(), server);
            request = new HttpRequest(nettyRequest.method().name(), scope, ByteBufUtil.getBytes(nettyRequest.content()));
        } catch (IllegalArgumentException e) {
            log.debug("undecodable request target {} from {}: {}", LogText.of(nettyRequest.uri()), ctx.channel().remoteAddress(),
                    LogText.of(e.getMessage()));
            reject(ctx, 400, "Bad Request", Map.of(), null, nettyRequest.method().name(), AccessLog.pathOf(nettyRequest.uri()));
            return;
        } finally {
            nettyRequest.release();
        }
        if (isWebSocketOnly(request)) {
            reject(ctx, 426, "This path is a WebSocket endpoint; connect with a WebSocket client",
                    Map.of("Upgrade", "websocket", "Sec-WebSocket-Version", "13"), request.scope(), request.method(), request.path());
            return;
        }
        if (isStream(request)) {
            stream(ctx, request, start);
            return;
        }
        inFlight = true;
        HttpRequest served = request;
        server.runtime().handle(request).whenComplete((response, error) -> ctx.executor().execute(() -> {
            HttpResponse answer = response != null ? response : HttpResponse.status(500, "Internal Server Error");
            server.accessLog().http(ctx.channel(), served.scope(), served.method(), served.path(), answer.status(),
                    head ? 0 : answer.body().length, start);
            respond(ctx, answer, head, keepAlive);
        }));
    }

    /**
     * Hands the request to a streaming consumer; the connection closes when its response ends, and
     * what the client pipelined after it is dropped.
     */
    private void stream(ChannelHandlerContext ctx, HttpRequest request, long start) {
        inFlight = true;
        streaming = true;
        closing = true;
        waiting.forEach(FullHttpRequest::release);
        waiting.clear();
        int sendBuffer = server.options().webSocketSendBuffer();
        if (sendBuffer > 0) {
            // a fixed kernel buffer, as for WebSockets: autotuning would take megabytes of a client that stops reading
            ctx.channel().config().setOption(ChannelOption.SO_SNDBUF, sendBuffer);
        }
        NettyHttpStream stream = new NettyHttpStream(ctx.channel(), server, request.scope(), request.method(), start);
        stream.bind(server.runtime().stream(request, stream));
    }

    private boolean isStream(HttpRequest request) {
        return ("GET".equals(request.method()) || "HEAD".equals(request.method()))
                && server.runtime().router().matchHttp(request.method(), request.path()).route() instanceof Router.HttpRoute.Stream;
    }

    private void respond(ChannelHandlerContext ctx, HttpResponse response, boolean head, boolean keepAlive) {
        inFlight = false;
        boolean keep = keepAlive && !server.connections().shuttingDown() && !closing;
        var future = ctx.writeAndFlush(HttpResponses.toNetty(response, head, keep));
        if (!keep) {
            closing = true;
            future.addListener(ChannelFutureListener.CLOSE);
            return;
        }
        next(ctx);
    }

    private boolean isWebSocketOnly(HttpRequest request) {
        Router router = server.runtime().router();
        if (!router.hasWebSocketRoutes() || router.matchWebSocket(request.path()).isEmpty()) {
            return false;
        }
        Router.HttpMatch http = router.matchHttp(request.method(), request.path());
        return !http.found() && http.allowedMethods().isEmpty();
    }

    /**
     * Answers with an error of the server's own and closes; the access log gets the request's
     * method and path where known ({@code -} for a request that never arrived whole).
     */
    private void reject(ChannelHandlerContext ctx, int status, String message, Map<String, String> headers, Scope scope,
            String method, String path) {
        closing = true;
        server.accessLog().http(ctx.channel(), scope, method, path, status,
                message.getBytes(StandardCharsets.UTF_8).length, System.nanoTime());
        HttpResponses.sendAndClose(ctx, status, message, headers);
    }

    /** RFC 9112 section 3.2: an HTTP/1.1 request needs exactly one Host, any request at most one. */
    private static String hostProblem(FullHttpRequest request) {
        int hosts = request.headers().getAll(HttpHeaderNames.HOST).size();
        if (hosts > 1) {
            return "more than one Host header";
        }
        if (hosts == 0 && HttpVersion.HTTP_1_1.equals(request.protocolVersion())) {
            return "an HTTP/1.1 request needs a Host header";
        }
        return null;
    }

    static boolean isUpgrade(FullHttpRequest request) {
        return request.headers().containsValue(HttpHeaderNames.UPGRADE, HttpHeaderValues.WEBSOCKET, true);
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) throws Exception {
        if (evt instanceof IdleStateEvent) {
            if (!inFlight && waiting.isEmpty()) {
                log.debug("closing idle connection from {}", ctx.channel().remoteAddress());
                ctx.close();
            }
            return;
        }
        if (evt == RequestDeadlineHandler.RequestTimeoutEvent.INSTANCE) {
            if (inFlight) {
                closing = true; // the response in flight goes out with Connection: close, the late request is dropped
            } else {
                log.info("http request not complete within {} client={}; 408", server.options().requestReadTimeout(),
                        ctx.channel().remoteAddress());
                reject(ctx, 408, "Request Timeout: the request did not arrive within " + server.options().requestReadTimeout(),
                        Map.of(), null, "-", "-");
            }
            return;
        }
        if (evt == LiveConnections.ShutdownEvent.INSTANCE) {
            if (!inFlight || streaming) { // a stream has no end of its own to wait for
                ctx.close();
            } else {
                closing = true; // the response in flight goes out with Connection: close
            }
        }
        super.userEventTriggered(ctx, evt);
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) throws Exception {
        waiting.forEach(FullHttpRequest::release);
        waiting.clear();
        super.channelInactive(ctx);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        if (ConnectionErrors.clientGone(ctx.channel(), cause)) {
            log.debug("connection from {} ended: {}", ctx.channel().remoteAddress(), cause.toString());
        } else {
            log.warn("closing connection from {} after an error", ctx.channel().remoteAddress(), cause);
        }
        ctx.close();
    }
}
