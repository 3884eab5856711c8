package dev.notify.bench.client;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.handler.codec.CorruptedFrameException;

/**
 * Splits the bytes a server sends on a WebSocket connection (RFC 6455, unmasked) into frames, without
 * allocating per frame: a complete frame is handed over as an index range of the buffer it arrived in,
 * and only the bytes of a frame that a read cut in two are copied, into one small buffer per
 * connection. Not thread-safe: one reader per connection, used on its event loop.
 */
final class FrameReader {
    /** Receives the frames of one read; the index ranges are valid only during the call. */
    interface FrameSink {
        /**
         * A complete (unfragmented) text frame.
         *
         * @param buffer the buffer that holds it
         * @param index where its payload starts
         * @param length its payload's length
         */
        void text(ByteBuf buffer, int index, int length);

        /** A close frame. */
        void close();

        /**
         * A ping, which the client must answer with a pong of the same payload (notify's server pings a
         * connection that has been silent for a while, and drops it when no answer comes).
         *
         * @param buffer the buffer that holds it
         * @param index where its payload starts
         * @param length its payload's length
         */
        void ping(ByteBuf buffer, int index, int length);

        /**
         * Any other frame: binary, pong, or part of a fragmented message.
         *
         * @param opcode its opcode
         */
        void other(int opcode);
    }

    static final int OPCODE_TEXT = 0x1;
    static final int OPCODE_CLOSE = 0x8;
    static final int OPCODE_PING = 0x9;
    static final int OPCODE_PONG = 0xA;
    private static final int MAX_FRAME = 16 << 20;

    // the start of a frame that the last read cut off; empty between frames
    private ByteBuf partial;

    /**
     * Hands every complete frame of {@code in} (together with what the previous reads left) to the sink,
     * and keeps the rest for the next read. Consumes {@code in} but does not release it.
     *
     * @param in the bytes just read
     * @param sink where the frames go
     * @throws CorruptedFrameException if the server masked a frame or sent one larger than 16 MiB
     */
    void read(ByteBuf in, FrameSink sink) {
        if (partial != null && partial.isReadable()) {
            // complete the cut frame with as few bytes of in as it needs
            while (true) {
                int size = frameSize(partial, partial.readerIndex(), partial.readableBytes());
                int missing = size - partial.readableBytes();
                if (missing > 0) {
                    int take = Math.min(missing, in.readableBytes());
                    partial.writeBytes(in, take);
                    if (take < missing) {
                        return;
                    }
                    continue; // the header may be whole only now, and name a longer frame
                }
                dispatch(partial, partial.readerIndex(), size, sink);
                partial.clear();
                break;
            }
        }
        while (in.isReadable()) {
            int size = frameSize(in, in.readerIndex(), in.readableBytes());
            if (size > in.readableBytes()) {
                break;
            }
            dispatch(in, in.readerIndex(), size, sink);
            in.skipBytes(size);
        }
        if (in.isReadable()) {
            if (partial == null) {
                partial = Unpooled.buffer(Math.max(256, in.readableBytes()));
            }
            partial.writeBytes(in);
        }
    }

    /** @return whether bytes of an incomplete frame are waiting for the next read */
    boolean hasPartialFrame() {
        return partial != null && partial.isReadable();
    }

    /** Drops what is left of an incomplete frame. */
    void release() {
        if (partial != null) {
            partial.release();
            partial = null;
        }
    }

    /**
     * @return the size of the frame at {@code index} (header and payload), or, while fewer bytes than its
     *     header are there, a size larger than {@code available}: either way, the frame is complete when
     *     {@code available} reaches the result
     */
    private static int frameSize(ByteBuf buffer, int index, int available) {
        if (available < 2) {
            return 2;
        }
        int second = buffer.getUnsignedByte(index + 1);
        if ((second & 0x80) != 0) {
            throw new CorruptedFrameException("the server masked a frame, which RFC 6455 forbids");
        }
        int length7 = second & 0x7F;
        int header = headerSize(length7);
        if (available < header) {
            return header;
        }
        long length = length7 == 126 ? buffer.getUnsignedShort(index + 2) : length7 == 127 ? buffer.getLong(index + 2) : length7;
        if (length < 0 || length > MAX_FRAME) {
            throw new CorruptedFrameException("a frame of " + length + " bytes; this client takes at most " + MAX_FRAME);
        }
        return header + (int) length;
    }

    private static int headerSize(int length7) {
        return length7 == 126 ? 4 : length7 == 127 ? 10 : 2;
    }

    private static void dispatch(ByteBuf buffer, int index, int size, FrameSink sink) {
        int first = buffer.getUnsignedByte(index);
        int opcode = first & 0x0F;
        boolean fin = (first & 0x80) != 0;
        int header = headerSize(buffer.getUnsignedByte(index + 1) & 0x7F);
        if (opcode == OPCODE_TEXT && fin) {
            sink.text(buffer, index + header, size - header);
        } else if (opcode == OPCODE_CLOSE) {
            sink.close();
        } else if (opcode == OPCODE_PING) {
            sink.ping(buffer, index + header, size - header);
        } else {
            sink.other(opcode);
        }
    }
}
