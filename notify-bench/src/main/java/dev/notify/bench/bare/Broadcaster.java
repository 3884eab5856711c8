package dev.notify.bench.bare;

import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.EventLoop;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.util.AttributeKey;
import io.netty.util.concurrent.GlobalEventExecutor;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;

/** The group of a {@link BareNettyServer}: its members, and how a group message reaches them ({@link FlushPolicy}). */
abstract class Broadcaster {
    /**
     * Sends messages to every member, in order, and takes over their references.
     *
     * @param messages the UTF-8 texts, each encoded once for all members
     */
    abstract void send(List<ByteBuf> messages);

    /**
     * Adds a member; called on its event loop. A closed member leaves by itself.
     *
     * @param channel the new member
     */
    abstract void joined(Channel channel);

    static Broadcaster of(FlushPolicy policy) {
        return switch (policy) {
            case FLUSH_EACH -> new FlushEach();
            case FLUSH_PER_TURN -> new FlushPerTurn();
            case WHOLE_BURST -> new WholeBurst();
        };
    }

    /** {@code ChannelGroup.writeAndFlush} per message: a retained duplicate, a write task and a flush per member. */
    private static final class FlushEach extends Broadcaster {
        private final ChannelGroup members = new DefaultChannelGroup("flush-each", GlobalEventExecutor.INSTANCE);

        @Override
        void joined(Channel channel) {
            members.add(channel);
        }

        @Override
        void send(List<ByteBuf> messages) {
            for (ByteBuf message : messages) {
                members.writeAndFlush(new TextWebSocketFrame(message));
            }
        }
    }

    /** Each member has an outbox; the first message into it schedules one drain, later ones ride on it. */
    private static final class FlushPerTurn extends Broadcaster {
        private static final AttributeKey<Outbox> OUTBOX = AttributeKey.valueOf("bench.outbox");
        private final ChannelGroup members = new DefaultChannelGroup("flush-per-turn", GlobalEventExecutor.INSTANCE);

        @Override
        void joined(Channel channel) {
            channel.attr(OUTBOX).set(new Outbox(channel));
            members.add(channel);
        }

        @Override
        void send(List<ByteBuf> messages) {
            for (ByteBuf message : messages) {
                try {
                    for (Channel channel : members) {
                        Outbox outbox = channel.attr(OUTBOX).get();
                        if (outbox != null) {
                            outbox.offer(message.retainedDuplicate());
                        }
                    }
                } finally {
                    message.release();
                }
            }
        }
    }

    /** A connection's queue, drained by one task on its event loop that flushes once. */
    private static final class Outbox implements Runnable {
        private final Channel channel;
        private final Queue<ByteBuf> queue = new ConcurrentLinkedQueue<>();
        private final AtomicBoolean scheduled = new AtomicBoolean();

        Outbox(Channel channel) {
            this.channel = channel;
        }

        void offer(ByteBuf message) {
            queue.offer(message);
            if (scheduled.compareAndSet(false, true)) {
                channel.eventLoop().execute(this);
            }
        }

        @Override
        public void run() {
            // cleared before draining: an offer that comes after the clear schedules the next drain
            scheduled.set(false);
            boolean wrote = false;
            for (ByteBuf message = queue.poll(); message != null; message = queue.poll()) {
                if (channel.isActive()) {
                    channel.write(new TextWebSocketFrame(message), channel.voidPromise());
                    wrote = true;
                } else {
                    message.release();
                }
            }
            if (wrote) {
                channel.flush();
            }
        }
    }

    /**
     * Members grouped by event loop; a send is one task per event loop, which writes every message to
     * each of its members and flushes each member once.
     */
    private static final class WholeBurst extends Broadcaster {
        // a loop's set is changed and read only on that loop
        private final Map<EventLoop, Set<Channel>> membersByLoop = new ConcurrentHashMap<>();

        @Override
        void joined(Channel channel) {
            Set<Channel> members = membersByLoop.computeIfAbsent(channel.eventLoop(), loop -> new LinkedHashSet<>());
            members.add(channel);
            channel.closeFuture().addListener(f -> members.remove(channel));
        }

        @Override
        void send(List<ByteBuf> messages) {
            try {
                for (Map.Entry<EventLoop, Set<Channel>> loop : membersByLoop.entrySet()) {
                    List<ByteBuf> shared = new ArrayList<>(messages.size());
                    for (ByteBuf message : messages) {
                        shared.add(message.retainedDuplicate());
                    }
                    try {
                        loop.getKey().execute(() -> writeAll(loop.getValue(), shared));
                    } catch (RejectedExecutionException e) {
                        shared.forEach(ByteBuf::release); // shutting down
                    }
                }
            } finally {
                messages.forEach(ByteBuf::release);
            }
        }

        private static void writeAll(Set<Channel> members, List<ByteBuf> messages) {
            try {
                for (Channel channel : members) {
                    if (channel.isActive()) {
                        for (ByteBuf message : messages) {
                            channel.write(new TextWebSocketFrame(message.retainedDuplicate()), channel.voidPromise());
                        }
                        channel.flush();
                    }
                }
            } finally {
                messages.forEach(ByteBuf::release);
            }
        }
    }
}
