package dev.notify.bench.client;

import dev.notify.bench.BenchPayload;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ThreadLocalRandom;
import org.HdrHistogram.Histogram;

/**
 * One client connection, WebSocket written by hand on raw bytes so that a delivery costs no allocation:
 * the handshake, then {@link FrameReader} splits what arrives into frames, and a payload is counted
 * from its {@code count} and {@code t} fields without decoding it. Completes {@link #handshake} when the
 * server accepted, counts the payloads of the current {@link Run} (a number counts once, and only if it
 * is higher than the last one: the servers send in order), and completes the pending {@link #request}
 * with the arrival time of a reply. Everything runs on the connection's event loop, except what is
 * handed over through the volatile {@code reply}.
 */
final class ClientConnection extends ChannelInboundHandlerAdapter implements FrameReader.FrameSink {
    private static final String WEBSOCKET_GUID = "258EAFA5-E914-47DA-95CA-C5AB0DC85B11";
    private static final int MAX_HANDSHAKE_RESPONSE = 16 * 1024;

    final CompletableFuture<ClientConnection> handshake = new CompletableFuture<>();
    private final String host;
    private final String path;
    private final String key;
    private final FrameReader frames = new FrameReader();
    private Channel channel;
    private ByteBuf response = Unpooled.buffer(256);
    private volatile CompletableFuture<Long> reply;

    private Run run;
    private Histogram latencyMicros;
    private int received;
    private int repeated;
    private int unexpected;
    private long last;
    private long lastDeliveryNanos;
    // the clocks of the current read, taken once for all the frames it holds
    private long readMicros = -1;
    private long readNanos;

    ClientConnection(String host, String path) {
        this.host = host;
        this.path = path;
        byte[] nonce = new byte[16];
        ThreadLocalRandom.current().nextBytes(nonce);
        this.key = Base64.getEncoder().encodeToString(nonce);
    }

    Channel channel() {
        return channel;
    }

    /**
     * Starts counting a new run; called on the event loop before the run is triggered.
     *
     * @param next the run
     * @param latency where this loop's connections record their latencies, in microseconds
     */
    void expect(Run next, Histogram latency) {
        run = next;
        latencyMicros = latency;
        received = 0;
        repeated = 0;
        unexpected = 0;
        last = 0;
        lastDeliveryNanos = 0;
    }

    /** @return the counts of the current run; call on the event loop */
    Tally tally() {
        return new Tally(received, repeated, unexpected, lastDeliveryNanos);
    }

    /**
     * @param received distinct payloads of the run
     * @param repeated payloads whose number was not above the last one (repeated or out of order)
     * @param unexpected payloads whose number is outside 1..K
     * @param lastDeliveryNanos {@link System#nanoTime()} of the last counted payload, 0 for none
     */
    record Tally(int received, int repeated, int unexpected, long lastDeliveryNanos) {
    }

    /**
     * Sends a text and completes with the {@link System#nanoTime()} of the server's next reply (a text
     * without {@code count}).
     *
     * @param text what to send
     * @return the reply's arrival time
     */
    CompletableFuture<Long> request(String text) {
        CompletableFuture<Long> pending = new CompletableFuture<>();
        reply = pending;
        channel.writeAndFlush(maskedFrame(channel.alloc(), FrameReader.OPCODE_TEXT, text.getBytes(StandardCharsets.UTF_8)))
                .addListener(f -> {
                    if (!f.isSuccess()) {
                        pending.completeExceptionally(f.cause());
                    }
                });
        return pending;
    }

    /**
     * Starts the closing handshake (status 1000); the server answers and closes the connection.
     *
     * @return the connection's close future
     */
    ChannelFuture closeGracefully() {
        if (channel.isActive()) {
            channel.writeAndFlush(maskedFrame(channel.alloc(), FrameReader.OPCODE_CLOSE, new byte[] {0x03, (byte) 0xE8}));
        }
        return channel.closeFuture();
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        channel = ctx.channel();
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) throws Exception {
        String request = "GET " + path + " HTTP/1.1\r\nHost: " + host + "\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                + "Sec-WebSocket-Key: " + key + "\r\nSec-WebSocket-Version: 13\r\n\r\n";
        ctx.writeAndFlush(Unpooled.copiedBuffer(request, StandardCharsets.US_ASCII));
        super.channelActive(ctx);
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) throws IOException {
        ByteBuf in = (ByteBuf) msg;
        try {
            readMicros = -1;
            if (response == null) {
                frames.read(in, this);
                return;
            }
            response.writeBytes(in);
            if (handshakeAccepted()) {
                ByteBuf after = response;
                response = null;
                try {
                    frames.read(after, this);
                } finally {
                    after.release();
                }
            }
        } finally {
            in.release();
        }
    }

    // true once the whole response is there and accepted; `response` then holds what came after it
    private boolean handshakeAccepted() throws IOException {
        int end = -1;
        for (int i = response.readerIndex(); i + 3 < response.writerIndex(); i++) {
            if (response.getInt(i) == 0x0D0A0D0A) {
                end = i + 4;
                break;
            }
        }
        if (end < 0) {
            if (response.readableBytes() > MAX_HANDSHAKE_RESPONSE) {
                throw new IOException("no end of the handshake response in its first " + MAX_HANDSHAKE_RESPONSE + " bytes");
            }
            return false;
        }
        String head = response.readCharSequence(end - response.readerIndex(), StandardCharsets.ISO_8859_1).toString();
        String status = head.substring(0, head.indexOf('\r'));
        if (!status.startsWith("HTTP/1.1 101")) {
            throw new IOException("the server refused the WebSocket handshake: " + status);
        }
        String accept = header(head, "sec-websocket-accept");
        if (!expectedAccept().equals(accept)) {
            throw new IOException("wrong Sec-WebSocket-Accept in the handshake response: " + accept);
        }
        handshake.complete(this);
        return true;
    }

    private static String header(String head, String name) {
        for (String line : head.split("\r\n")) {
            int colon = line.indexOf(':');
            if (colon > 0 && line.substring(0, colon).strip().toLowerCase(Locale.ROOT).equals(name)) {
                return line.substring(colon + 1).strip();
            }
        }
        return null;
    }

    private String expectedAccept() {
        try {
            byte[] sha1 = MessageDigest.getInstance("SHA-1").digest((key + WEBSOCKET_GUID).getBytes(StandardCharsets.US_ASCII));
            return Base64.getEncoder().encodeToString(sha1);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-1", e);
        }
    }

    @Override
    public void text(ByteBuf buffer, int index, int length) {
        long count = BenchPayload.count(buffer, index, length);
        if (count < 0) {
            CompletableFuture<Long> pending = reply;
            if (pending != null) {
                reply = null;
                pending.complete(System.nanoTime());
            }
            return;
        }
        Run current = run;
        if (current == null) {
            return;
        }
        if (count < 1 || count > current.expected) {
            unexpected++;
            return;
        }
        if (count <= last) {
            repeated++;
            return;
        }
        last = count;
        if (readMicros < 0) {
            readMicros = BenchPayload.nowMicros();
            readNanos = System.nanoTime();
        }
        lastDeliveryNanos = readNanos;
        long sent = BenchPayload.micros(buffer, index, length);
        long latency = readMicros - (sent > 0 ? sent : current.triggerMicros);
        latencyMicros.recordValue(Math.max(0, Math.min(Run.MAX_LATENCY_MICROS, latency)));
        if (++received == current.expected) {
            current.connectionComplete();
        }
    }

    @Override
    public void close() {
        channel.close();
    }

    @Override
    public void ping(ByteBuf buffer, int index, int length) {
        byte[] payload = new byte[length];
        buffer.getBytes(index, payload);
        channel.writeAndFlush(maskedFrame(channel.alloc(), FrameReader.OPCODE_PONG, payload));
    }

    @Override
    public void other(int opcode) {
        if (run != null && opcode != FrameReader.OPCODE_PONG) {
            unexpected++;
        }
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) throws Exception {
        handshake.completeExceptionally(new IOException("connection closed before the handshake completed"));
        CompletableFuture<Long> pending = reply;
        if (pending != null) {
            pending.completeExceptionally(new IOException("connection closed before the reply"));
        }
        frames.release();
        if (response != null) {
            response.release();
            response = null;
        }
        super.channelInactive(ctx);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        handshake.completeExceptionally(cause);
        ctx.close();
    }

    /** A client frame: RFC 6455 wants every one masked, with a fresh key. */
    static ByteBuf maskedFrame(ByteBufAllocator alloc, int opcode, byte[] payload) {
        ByteBuf frame = alloc.buffer(payload.length + 14);
        frame.writeByte(0x80 | opcode);
        if (payload.length < 126) {
            frame.writeByte(0x80 | payload.length);
        } else if (payload.length <= 0xFFFF) {
            frame.writeByte(0x80 | 126).writeShort(payload.length);
        } else {
            frame.writeByte(0x80 | 127).writeLong(payload.length);
        }
        int mask = ThreadLocalRandom.current().nextInt();
        frame.writeInt(mask);
        for (int i = 0; i < payload.length; i++) {
            frame.writeByte(payload[i] ^ (mask >>> (24 - 8 * (i & 3))));
        }
        return frame;
    }
}
