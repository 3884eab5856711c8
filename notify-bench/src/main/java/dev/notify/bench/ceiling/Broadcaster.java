package dev.notify.bench.ceiling;

import io.netty.channel.Channel;
import io.netty.channel.group.ChannelGroup;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.util.AttributeKey;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;

/** Sends one encoded frame to every member of the group; the two implementations are the two ceilings. */
abstract class Broadcaster {
    private static final AttributeKey<Outbox> OUTBOX = AttributeKey.valueOf("bench.outbox");

    /**
     * Sends a frame and takes over its reference.
     *
     * @param frame the frame, encoded once for all members
     */
    abstract void send(TextWebSocketFrame frame);

    /**
     * Prepares a new member; called on its event loop before it joins the group.
     *
     * @param channel the member
     */
    void joined(Channel channel) {
    }

    static Broadcaster flushEach(ChannelGroup members) {
        return new Broadcaster() {
            @Override
            void send(TextWebSocketFrame frame) {
                // a retained duplicate per member, one write task and one flush each
                members.writeAndFlush(frame);
            }
        };
    }

    static Broadcaster batched(ChannelGroup members) {
        return new Broadcaster() {
            @Override
            void joined(Channel channel) {
                channel.attr(OUTBOX).set(new Outbox(channel));
            }

            @Override
            void send(TextWebSocketFrame frame) {
                try {
                    for (Channel channel : members) {
                        Outbox outbox = channel.attr(OUTBOX).get();
                        if (outbox != null) {
                            outbox.offer(frame.retainedDuplicate());
                        }
                    }
                } finally {
                    frame.release();
                }
            }
        };
    }

    /** A connection's queue: the first offer schedules one drain, later offers ride on it. */
    private static final class Outbox implements Runnable {
        private final Channel channel;
        private final Queue<TextWebSocketFrame> queue = new ConcurrentLinkedQueue<>();
        private final AtomicBoolean scheduled = new AtomicBoolean();

        Outbox(Channel channel) {
            this.channel = channel;
        }

        void offer(TextWebSocketFrame frame) {
            queue.offer(frame);
            if (scheduled.compareAndSet(false, true)) {
                channel.eventLoop().execute(this);
            }
        }

        @Override
        public void run() {
            // cleared before draining: an offer that comes after the clear schedules the next drain
            scheduled.set(false);
            boolean wrote = false;
            for (TextWebSocketFrame frame = queue.poll(); frame != null; frame = queue.poll()) {
                if (channel.isActive()) {
                    channel.write(frame, channel.voidPromise());
                    wrote = true;
                } else {
                    frame.release();
                }
            }
            if (wrote) {
                channel.flush();
            }
        }
    }
}
