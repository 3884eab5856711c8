package dev.notify.netty.internal;

import dev.notify.consumer.Scope;
import dev.notify.core.runtime.StreamConnection;
import dev.notify.core.runtime.StreamHandle;
import dev.notify.http.HttpResponse;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelOutboundBuffer;
import io.netty.handler.codec.http.DefaultHttpContent;
import io.netty.handler.codec.http.DefaultHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.LastHttpContent;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The runtime's {@link StreamConnection} over one Netty channel: a chunked HTTP/1.1 response,
 * after which the connection closes. A {@code HEAD} request gets the head alone, then the close. Thread-safe: every write moves to the channel's event loop,
 * in call order.
 *
 * <p>Backpressure, as for WebSockets: the bytes queued here and waiting in Netty's outbound buffer
 * are checked against the outbound limit when a chunk is queued and after each flush; a client that
 * does not read is disconnected instead of growing the server's memory.
 */
final class NettyHttpStream implements StreamConnection {
    private static final Logger log = LoggerFactory.getLogger(NettyHttpStream.class);

    private final Channel channel;
    private final ServerContext server;
    private final Scope scope;
    private final String method;
    private final long startNanos;
    private final AtomicLong queued = new AtomicLong();

    // event loop only
    private int status = 500;
    private long bytesOut;
    private boolean closeReported;

    NettyHttpStream(Channel channel, ServerContext server, Scope scope, String method, long startNanos) {
        this.channel = channel;
        this.server = server;
        this.scope = scope;
        this.method = method;
        this.startNanos = startNanos;
    }

    /** Reports the end of the channel to the runtime once, and logs the request, however it ends. */
    void bind(StreamHandle handle) {
        channel.closeFuture().addListener(closed -> {
            try {
                channel.eventLoop().execute(() -> channelClosed(handle));
            } catch (RejectedExecutionException e) {
                channelClosed(handle); // the event loop is shutting down: report now rather than never
            }
        });
    }

    private void channelClosed(StreamHandle handle) {
        if (closeReported) {
            return;
        }
        closeReported = true;
        server.connections().disconnecting(handle.closed());
        server.accessLog().http(channel, scope, method, scope.path(), status, bytesOut, startNanos);
    }

    @Override
    public void start(HttpResponse head) {
        onLoop(() -> {
            status = head.status();
            DefaultHttpResponse out = new DefaultHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.valueOf(head.status()));
            for (Map.Entry<String, List<String>> header : head.headers().entrySet()) {
                out.headers().add(header.getKey(), header.getValue());
            }
            out.headers().remove(HttpHeaderNames.CONTENT_LENGTH);
            out.headers().set(HttpHeaderNames.TRANSFER_ENCODING, HttpHeaderValues.CHUNKED);
            out.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
            if ("HEAD".equals(method)) { // the head a GET would get, and no body: the consumer disconnects
                channel.write(out);
                channel.writeAndFlush(LastHttpContent.EMPTY_LAST_CONTENT).addListener(ChannelFutureListener.CLOSE);
                return;
            }
            channel.writeAndFlush(out).addListener(ChannelFutureListener.CLOSE_ON_FAILURE);
        });
    }

    @Override
    public void send(byte[] chunk) {
        long waiting = queued.addAndGet(chunk.length);
        if (waiting > server.options().maxOutboundBuffer()) {
            queued.addAndGet(-chunk.length); // dropped: the connection closes
            onLoop(() -> overflow(waiting + " bytes queued"));
            return;
        }
        onLoop(() -> {
            queued.addAndGet(-chunk.length);
            if (!channel.isActive() || "HEAD".equals(method)) {
                return;
            }
            bytesOut += chunk.length;
            server.metrics().sent(1, chunk.length);
            channel.writeAndFlush(new DefaultHttpContent(Unpooled.wrappedBuffer(chunk)))
                    .addListener(ChannelFutureListener.CLOSE_ON_FAILURE);
            long backlog = waitingForSocket() + queued.get();
            if (backlog > server.options().maxOutboundBuffer()) {
                overflow(backlog + " bytes waiting for the socket");
            }
        });
    }

    private long waitingForSocket() {
        ChannelOutboundBuffer buffer = channel.unsafe().outboundBuffer();
        return buffer == null ? 0 : buffer.totalPendingWriteBytes();
    }

    private void overflow(String what) {
        if (!channel.isActive()) {
            return;
        }
        log.warn("closing slow http stream client path={} client={} backlog={} limit={} bytes",
                scope.path(), channel.remoteAddress(), what, server.options().maxOutboundBuffer());
        server.metrics().slowClientClosed();
        channel.close();
    }

    @Override
    public void end() {
        if ("HEAD".equals(method)) {
            return; // the body already ended with the head
        }
        onLoop(() -> channel.writeAndFlush(LastHttpContent.EMPTY_LAST_CONTENT).addListener(ChannelFutureListener.CLOSE));
    }

    @Override
    public void abort() {
        onLoop(channel::close);
    }

    @Override
    public void respond(HttpResponse response) {
        onLoop(() -> {
            status = response.status();
            bytesOut = "HEAD".equals(method) ? 0 : response.body().length;
            channel.writeAndFlush(HttpResponses.toNetty(response, "HEAD".equals(method), false))
                    .addListener(ChannelFutureListener.CLOSE);
        });
    }

    @Override
    public Executor executor() {
        return channel.eventLoop();
    }

    private void onLoop(Runnable task) {
        try {
            channel.eventLoop().execute(task);
        } catch (RejectedExecutionException e) {
            log.debug("stream write to {} dropped: the event loop is shut down", scope.path());
        }
    }

    @Override
    public String toString() {
        return "NettyHttpStream{" + scope.path() + ", " + channel.remoteAddress() + "}";
    }
}
