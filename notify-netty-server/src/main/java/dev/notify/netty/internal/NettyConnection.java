package dev.notify.netty.internal;

import dev.notify.consumer.CloseStatus;
import dev.notify.consumer.Scope;
import dev.notify.core.runtime.Connection;
import dev.notify.core.runtime.ConnectionHandle;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelOutboundBuffer;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketCloseStatus;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicIntegerFieldUpdater;
import java.util.concurrent.atomic.AtomicReferenceFieldUpdater;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The runtime's {@link Connection} over one Netty channel. Thread-safe: the runtime calls it from
 * its worker threads.
 *
 * <p>Outbound frames go through a lock-free stack that the channel's event loop takes whole: the
 * frame that finds the stack empty schedules one drain task, which takes everything pushed by then,
 * writes it in arrival order and flushes once. A lone frame is therefore written at once, and a burst
 * costs one task, one flush and one system call per connection instead of one per frame. A send is
 * one compare-and-set and one 24-byte node; an idle connection holds no queue at all. The close
 * status travels the same way, so frames sent before {@code close} go out before the close frame.
 *
 * <p>Backpressure: the bytes a connection has in the server, queued here and waiting in Netty's
 * outbound buffer for the socket, are checked against the outbound limit when a frame is queued and
 * after each flush; a client that does not read is closed with 1013 instead of growing the server's
 * memory. The kernel's share is bounded by the WebSocket send buffer the handshake sets.
 */
final class NettyConnection implements Connection, Runnable {
    private static final Logger log = LoggerFactory.getLogger(NettyConnection.class);

    /** What a queued frame costs beyond its payload, so that a flood of empty frames is bounded too. */
    private static final int NODE_OVERHEAD = 32;
    private static final AtomicReferenceFieldUpdater<NettyConnection, Pending> PENDING =
            AtomicReferenceFieldUpdater.newUpdater(NettyConnection.class, Pending.class, "pending");
    private static final AtomicIntegerFieldUpdater<NettyConnection> OVERFLOWING =
            AtomicIntegerFieldUpdater.newUpdater(NettyConnection.class, "overflowing");

    /** A frame waiting for the event loop: pushed newest first, reversed by the drain. */
    private static final class Pending {
        final Object frame;
        /** The bytes queued up to and including this frame: its payload (at least) plus {@link #NODE_OVERHEAD}. */
        final long bytes;
        Pending next; // written by the producer before the push, then only by the drain that took it

        Pending(Object frame, Pending next, long bytes) {
            this.frame = frame;
            this.next = next;
            this.bytes = bytes;
        }
    }

    private enum State { CONNECTING, OPEN, CLOSING, CLOSED }

    private final Channel channel;
    private final ServerContext server;
    private final WebSocketHandshakeHandler handshake;
    private final Scope scope;
    private volatile State state = State.CONNECTING;
    private volatile Pending pending;
    private volatile int overflowing;

    // event loop only
    private ConnectionHandle handle;
    private boolean compressed;
    private CloseStatus peerStatus;
    private CloseStatus sentStatus;
    private boolean closeReported;

    NettyConnection(Channel channel, ServerContext server, WebSocketHandshakeHandler handshake, Scope scope) {
        this.channel = channel;
        this.server = server;
        this.handshake = handshake;
        this.scope = scope;
    }

    /**
     * Sets the runtime's handle, returned by {@code open}; before any event can reach it. From here
     * on the end of the channel is reported to the runtime once, however the channel ends: the close
     * future completes for every close, whereas {@code channelInactive} may never reach a handler
     * (Netty's permessage-deflate decoder throws from its own {@code channelInactive} when it holds
     * corrupt data, and the event stops there). The report waits for the end of the event-loop task
     * that closed the channel, so that the error that made a decoder close it has set the status.
     */
    void bind(ConnectionHandle runtimeHandle) {
        this.handle = runtimeHandle;
        channel.closeFuture().addListener(closed -> {
            try {
                channel.eventLoop().execute(this::channelClosed);
            } catch (RejectedExecutionException e) {
                channelClosed(); // the event loop is shutting down: report now rather than never
            }
        });
    }

    Scope scope() {
        return scope;
    }

    String path() {
        return scope.path();
    }

    ConnectionHandle handle() {
        return handle;
    }

    // ---- Connection: called by the runtime from any thread

    @Override
    public void accept(String subprotocol, Map<String, List<String>> headers) {
        channel.eventLoop().execute(() -> handshake.accept(subprotocol, headers));
    }

    @Override
    public void reject(int httpStatus, String reason) {
        channel.eventLoop().execute(() -> handshake.reject(httpStatus, reason));
    }

    @Override
    public Executor executor() {
        return channel.eventLoop();
    }

    @Override
    public void sendText(String text) {
        enqueue(text);
    }

    @Override
    public void sendBinary(byte[] data) {
        enqueue(data);
    }

    @Override
    public void close(CloseStatus status) {
        enqueue(status);
    }

    private void enqueue(Object frame) {
        State s = state;
        if (s == State.CLOSING || s == State.CLOSED) {
            log.debug("frame to {} dropped: the connection is {}", scope.path(), s);
            return;
        }
        long size = NODE_OVERHEAD + (frame instanceof String text ? text.length() : frame instanceof byte[] data ? data.length : 0);
        Pending head;
        Pending node;
        do {
            head = pending;
            long queued = (head == null ? 0 : head.bytes) + size;
            long unwritten = queued + waitingForSocket();
            if (unwritten > server.options().maxOutboundBuffer() && !(frame instanceof CloseStatus)) {
                if (OVERFLOWING.compareAndSet(this, 0, 1)) {
                    channel.eventLoop().execute(() -> overflow(unwritten + " bytes queued and waiting for the socket"));
                }
                return;
            }
            node = new Pending(frame, head, queued);
        } while (!PENDING.compareAndSet(this, head, node));
        if (head == null) {
            channel.eventLoop().execute(this); // the first of a burst; the others ride on this drain
        }
    }

    /** Drains; the task scheduled by {@link #enqueue}. */
    @Override
    public void run() {
        drain();
    }

    // ---- event loop

    /** The handshake response is written and the frame handlers are in place. */
    void opened(boolean deflate) {
        this.compressed = deflate;
        if (state == State.CONNECTING) {
            state = State.OPEN;
        }
        drain();
    }

    private void drain() {
        if (state == State.CONNECTING) {
            return; // opened() drains; until then the stack stays non-empty and nobody schedules
        }
        Pending batch = PENDING.getAndSet(this, null);
        Pending oldest = null;
        while (batch != null) { // reverse in place: arrival order
            Pending next = batch.next;
            batch.next = oldest;
            oldest = batch;
            batch = next;
        }
        int limit = server.options().maxOutboundBuffer();
        long unflushed = 0;
        for (Pending p = oldest; p != null; p = p.next) {
            Object frame = p.frame;
            if (state != State.OPEN) {
                break; // closing: what was queued after the close frame is dropped
            }
            if (frame instanceof CloseStatus status) {
                sendClose(status);
                unflushed++;
                continue;
            }
            Object message = frame instanceof String text
                    ? OutboundFrames.text(channel.alloc(), text, compressed)
                    : OutboundFrames.binary(channel.alloc(), (byte[]) frame, compressed);
            unflushed += OutboundFrames.size(message);
            channel.write(message, channel.voidPromise());
            if (unflushed >= limit) {
                // a long burst: let the socket take what it can before deciding the client is too slow
                channel.flush();
                unflushed = 0;
                checkBacklog();
            }
        }
        if (unflushed > 0) {
            channel.flush();
            checkBacklog();
        }
    }

    /** @return the bytes Netty holds for the socket, which the kernel has not taken; from any thread */
    private long waitingForSocket() {
        ChannelOutboundBuffer buffer = channel.unsafe().outboundBuffer();
        return buffer == null ? 0 : buffer.totalPendingWriteBytes();
    }

    private void checkBacklog() {
        long waiting = waitingForSocket();
        if (state == State.OPEN && waiting > server.options().maxOutboundBuffer()) {
            overflow(waiting + " bytes waiting for the socket");
        }
    }

    private void overflow(String what) {
        if (state != State.OPEN) {
            return;
        }
        log.warn("closing slow websocket client with 1013 path={} client={} backlog={} limit={} bytes",
                scope.path(), channel.remoteAddress(), what, server.options().maxOutboundBuffer());
        sendClose(CloseStatus.TRY_AGAIN_LATER.withReason("client too slow"));
        channel.flush();
    }

    /** Writes a close frame (without flushing) and drops the connection if the client does not answer in time. */
    void sendClose(CloseStatus status) {
        if (state != State.OPEN) {
            return;
        }
        state = State.CLOSING;
        sentStatus = status;
        channel.write(closeFrame(status)).addListener(ChannelFutureListener.CLOSE_ON_FAILURE);
        channel.eventLoop().schedule(() -> {
            if (channel.isActive()) {
                log.debug("no close frame from {} within {}; dropping the connection", channel.remoteAddress(),
                        server.options().closeTimeout());
                channel.close();
            }
        }, server.options().closeTimeout().toNanos(), TimeUnit.NANOSECONDS);
    }

    /**
     * A close frame for a status: codes that must not be sent (1005, 1006, 1015) become 1000, and
     * the reason is cut to the 123 bytes a control frame can carry.
     */
    static CloseWebSocketFrame closeFrame(CloseStatus status) {
        int code = WebSocketCloseStatus.isValidStatusCode(status.code()) ? status.code() : CloseStatus.NORMAL.code();
        String reason = status.reason();
        byte[] utf8 = reason.getBytes(StandardCharsets.UTF_8);
        if (utf8.length > 123) {
            int end = 123;
            while (end > 0 && (utf8[end] & 0xC0) == 0x80) {
                end--; // do not cut a character in two
            }
            reason = new String(utf8, 0, end, StandardCharsets.UTF_8);
        }
        return new CloseWebSocketFrame(code, reason);
    }

    /**
     * The client sent a close frame: answer it (echoing its code, as RFC 6455 asks) unless this
     * side closed first, then close the TCP connection.
     */
    void peerClosed(CloseStatus status) {
        peerStatus = status;
        if (state == State.OPEN) {
            state = State.CLOSING;
            CloseWebSocketFrame answer = status == CloseStatus.NO_STATUS || status.code() == CloseStatus.NO_STATUS.code()
                    ? new CloseWebSocketFrame() : new CloseWebSocketFrame(status.code(), "");
            channel.writeAndFlush(answer).addListener(ChannelFutureListener.CLOSE);
        } else {
            channel.close();
        }
    }

    /**
     * Fails the connection (RFC 6455 7.1.7) for bad input: sends a close frame with this status
     * unless a close frame was already sent, and closes the TCP connection without waiting for the
     * client's answer.
     */
    void fail(CloseStatus status) {
        if (state == State.OPEN) {
            state = State.CLOSING;
            sentStatus = status;
            channel.writeAndFlush(closeFrame(status)).addListener(ChannelFutureListener.CLOSE);
        } else {
            channel.close();
        }
    }

    /**
     * The channel is closed: tell the runtime once, with the client's close status, else the one
     * this side sent, else 1006 (the client vanished). Runs on the event loop, from the close future.
     */
    private void channelClosed() {
        if (closeReported) {
            return;
        }
        closeReported = true;
        state = State.CLOSED;
        PENDING.set(this, null);
        if (handle != null) {
            CloseStatus status = peerStatus != null ? peerStatus : sentStatus != null ? sentStatus : CloseStatus.ABNORMAL;
            server.connections().disconnecting(handle.closed(status));
        }
    }

    @Override
    public String toString() {
        return "NettyConnection{" + scope.path() + ", " + channel.remoteAddress() + ", " + state + "}";
    }
}
