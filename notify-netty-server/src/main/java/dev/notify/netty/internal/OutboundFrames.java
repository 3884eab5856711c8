package dev.notify.netty.internal;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.ByteBufUtil;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import io.netty.util.concurrent.FastThreadLocal;

/**
 * Encodes the server's data frames. Server frames are unmasked (RFC 6455 section 5.1), so a frame's
 * bytes do not depend on the connection: for a connection without compression the whole frame is
 * encoded here, once, and written past the WebSocket encoder as a buffer.
 *
 * <p>Fan-out: when a group message reaches many consumers that forward the same {@code String} (or
 * {@code byte[]}) instance, each event loop encodes it once and gives every connection a retained
 * duplicate of the same bytes. The cache is per event-loop thread, keyed on identity (two candidate
 * slots per key), and holds at most {@value #SLOTS} frames of up to {@value #MAX_CACHED_PAYLOAD} bytes each.
 *
 * <p>A connection with permessage-deflate gets a {@code WebSocketFrame} instead, which its deflate
 * encoder compresses with the connection's own compression context.
 */
final class OutboundFrames {
    static final int SLOTS = 256;
    static final int MAX_CACHED_PAYLOAD = 16 * 1024;

    private static final int OPCODE_TEXT = 0x1;
    private static final int OPCODE_BINARY = 0x2;

    private static final FastThreadLocal<FrameCache> CACHE = new FastThreadLocal<>() {
        @Override
        protected FrameCache initialValue() {
            return new FrameCache();
        }

        @Override
        protected void onRemoval(FrameCache cache) {
            cache.clear();
        }
    };

    private OutboundFrames() {
    }

    /** @return a message to write: an encoded frame buffer, or a frame for the deflate encoder */
    static Object text(ByteBufAllocator alloc, String text, boolean compressed) {
        if (compressed) {
            return new TextWebSocketFrame(ByteBufUtil.writeUtf8(alloc, text));
        }
        if (text.length() > MAX_CACHED_PAYLOAD) { // at least as many UTF-8 bytes as chars
            return encodeText(alloc, text, ByteBufUtil.utf8Bytes(text));
        }
        return CACHE.get().text(alloc, text);
    }

    /** @return a message to write: an encoded frame buffer, or a frame for the deflate encoder */
    static Object binary(ByteBufAllocator alloc, byte[] data, boolean compressed) {
        if (compressed) {
            return new BinaryWebSocketFrame(alloc.buffer(data.length).writeBytes(data));
        }
        if (data.length > MAX_CACHED_PAYLOAD) {
            return encodeBinary(alloc, data);
        }
        return CACHE.get().binary(alloc, data);
    }

    /** @return the bytes a message from {@link #text} or {@link #binary} will put on the wire, about */
    static int size(Object message) {
        return message instanceof ByteBuf frame ? frame.readableBytes() : ((WebSocketFrame) message).content().readableBytes();
    }

    static ByteBuf encodeText(ByteBufAllocator alloc, String text, int utf8Length) {
        ByteBuf frame = alloc.buffer(headerLength(utf8Length) + utf8Length);
        writeHeader(frame, OPCODE_TEXT, utf8Length);
        ByteBufUtil.reserveAndWriteUtf8(frame, text, utf8Length);
        return frame;
    }

    static ByteBuf encodeBinary(ByteBufAllocator alloc, byte[] data) {
        ByteBuf frame = alloc.buffer(headerLength(data.length) + data.length);
        writeHeader(frame, OPCODE_BINARY, data.length);
        return frame.writeBytes(data);
    }

    private static int headerLength(int payload) {
        return payload <= 125 ? 2 : payload <= 0xFFFF ? 4 : 10;
    }

    private static void writeHeader(ByteBuf frame, int opcode, int payload) {
        frame.writeByte(0x80 | opcode); // FIN, no RSV bits: one uncompressed frame per message
        if (payload <= 125) {
            frame.writeByte(payload);
        } else if (payload <= 0xFFFF) {
            frame.writeByte(126);
            frame.writeShort(payload);
        } else {
            frame.writeByte(127);
            frame.writeLong(payload);
        }
    }

    /**
     * One event loop's recently encoded frames, keyed by the identity of what was sent. Each key has
     * two candidate slots (from the low and the high bits of its identity hash) and a new frame
     * replaces the older of the two, so that the K messages of a burst, which a connection writes one
     * after the other before the next connection does, rarely evict each other while K is well below
     * {@value #SLOTS}: with one slot per key, a burst of 100 had about a third of its messages collide
     * and encoded again for every connection.
     */
    private static final class FrameCache {
        private final Object[] keys = new Object[SLOTS];
        private final ByteBuf[] frames = new ByteBuf[SLOTS];
        private final long[] stored = new long[SLOTS];
        private long stores;

        ByteBuf text(ByteBufAllocator alloc, String text) {
            int hash = System.identityHashCode(text);
            int slot = find(text, hash);
            if (slot >= 0) {
                return frames[slot].retainedDuplicate(); // the fan-out case: no encoding, no length scan
            }
            ByteBuf frame = encodeText(alloc, text, ByteBufUtil.utf8Bytes(text));
            if (frame.readableBytes() > MAX_CACHED_PAYLOAD + 4) {
                return frame;
            }
            store(hash, text, frame);
            return frame.retainedDuplicate();
        }

        ByteBuf binary(ByteBufAllocator alloc, byte[] data) {
            int hash = System.identityHashCode(data);
            int slot = find(data, hash);
            return (slot >= 0 ? frames[slot] : store(hash, data, encodeBinary(alloc, data))).retainedDuplicate();
        }

        private int find(Object key, int hash) {
            int first = hash & (SLOTS - 1);
            if (keys[first] == key) {
                return first;
            }
            int second = (hash >>> 16) & (SLOTS - 1);
            return keys[second] == key ? second : -1;
        }

        private ByteBuf store(int hash, Object key, ByteBuf frame) {
            int first = hash & (SLOTS - 1);
            int second = (hash >>> 16) & (SLOTS - 1);
            int slot = keys[first] == null || (keys[second] != null && stored[first] <= stored[second]) ? first : second;
            if (frames[slot] != null) {
                frames[slot].release();
            }
            keys[slot] = key;
            frames[slot] = frame;
            stored[slot] = ++stores;
            return frame;
        }

        void clear() {
            for (int i = 0; i < SLOTS; i++) {
                if (frames[i] != null) {
                    frames[i].release();
                    frames[i] = null;
                    keys[i] = null;
                }
            }
        }
    }
}
