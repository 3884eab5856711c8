package dev.notify.spi;

import dev.notify.layer.ChannelFullException;
import dev.notify.layer.Message;
import java.time.Duration;
import java.time.InstantSource;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Local per-channel queues for a channel layer: bounded by a {@link CapacityPolicy}, FIFO, with
 * message expiry and asynchronous receivers woken in the order they started waiting, without
 * polling. The in-memory layer keeps all its messages here; a networked layer keeps what its
 * reader has fetched for local channels. Thread-safe.
 *
 * <p>A channel's queue is created on first use and dropped when it is idle and its receiver gave up
 * (cancelled) or its messages expired, so closed connections leave nothing behind.
 *
 * @since 0.1
 */
public final class Mailboxes {
    private final CapacityPolicy capacity;
    private final Duration expiry;
    private final InstantSource clock;
    private final Consumer<String> onExpired;
    private final Map<String, Mailbox> byChannel = new ConcurrentHashMap<>();
    private final Function<String, Mailbox> newMailbox;

    /**
     * @param capacity the capacity of each channel
     * @param expiry how long a message may wait
     * @param clock the time source
     * @param onExpired called with a channel's name when some of its messages expired unread
     *     (Channels then drops the channel from every group)
     */
    public Mailboxes(CapacityPolicy capacity, Duration expiry, InstantSource clock, Consumer<String> onExpired) {
        this.capacity = Objects.requireNonNull(capacity, "capacity");
        this.expiry = Objects.requireNonNull(expiry, "expiry");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.onExpired = Objects.requireNonNull(onExpired, "onExpired");
        this.newMailbox = c -> new Mailbox(capacity.capacity(c), expiry, clock);
    }

    /**
     * Queues a message, or hands it to the receiver that has waited longest.
     *
     * @param channel the channel
     * @param message the message
     * @throws ChannelFullException if the channel is at capacity
     */
    public void offer(String channel, Message message) {
        Mailbox.Offer result = offer(channel, message, false);
        if (result == Mailbox.Offer.FULL) {
            throw new ChannelFullException(channel, capacity.capacity(channel));
        }
    }

    /**
     * Queues a message, dropping the channel's oldest message when it is full (channels_redis'
     * local buffers do this).
     *
     * @param channel the channel
     * @param message the message
     * @return whether the channel was full, so that its oldest message was dropped to make room
     */
    public boolean offerDroppingOldest(String channel, Message message) {
        return offer(channel, message, true) == Mailbox.Offer.DROPPED_OLDEST;
    }

    /**
     * Queues messages in order, dropping the channel's oldest messages when it is full, as
     * {@link #offerDroppingOldest} does for each; a waiting {@link #takeBatch} receiver gets them in
     * one list. For a reader that fetched several messages of a channel at once.
     *
     * @param channel the channel
     * @param messages the messages, oldest first
     * @return how many messages were dropped to make room
     * @since 0.3
     */
    public int offerAllDroppingOldest(String channel, List<Message> messages) {
        int[] dropped = {0};
        int next = 0;
        while (true) {
            Mailbox mailbox = mailbox(channel);
            next = mailbox.offerAllDroppingOldest(messages, next, dropped); // drops expired messages first
            if (mailbox.takeExpiredReport()) {
                onExpired.accept(channel);
            }
            if (next == messages.size()) {
                return dropped[0];
            }
            byChannel.remove(channel, mailbox); // retired
        }
    }

    private Mailbox.Offer offer(String channel, Message message, boolean dropOldest) {
        while (true) {
            Mailbox mailbox = mailbox(channel);
            Mailbox.Offer result = mailbox.offer(message, dropOldest); // drops expired messages first
            if (mailbox.takeExpiredReport()) {
                onExpired.accept(channel);
            }
            if (result != Mailbox.Offer.RETIRED) {
                return result;
            }
            byChannel.remove(channel, mailbox);
        }
    }

    /**
     * Takes the channel's next message, now or when one arrives. Cancel the future to stop waiting;
     * no message is lost to a cancelled receiver.
     *
     * @param channel the channel
     * @return completes with the message
     */
    public CompletableFuture<Message> take(String channel) {
        return take(channel, Mailbox::take);
    }

    /**
     * Takes up to {@code max} of the channel's queued messages, oldest first, now; or the next one
     * when it arrives. Cancel the future to stop waiting; no message is lost to a cancelled receiver.
     *
     * @param channel the channel
     * @param max the most messages to take, at least 1
     * @return completes with 1 to {@code max} messages in an unmodifiable list
     * @throws IllegalArgumentException if {@code max} is less than 1
     * @since 0.3
     */
    public CompletableFuture<List<Message>> takeBatch(String channel, int max) {
        if (max < 1) {
            throw new IllegalArgumentException("a batch takes at least 1 message, but max was " + max);
        }
        return take(channel, mailbox -> mailbox.takeBatch(max));
    }

    private <T> CompletableFuture<T> take(String channel, Function<Mailbox, CompletableFuture<T>> taker) {
        while (true) {
            Mailbox mailbox = mailbox(channel);
            CompletableFuture<T> taken = taker.apply(mailbox); // drops expired messages first
            if (mailbox.takeExpiredReport()) {
                onExpired.accept(channel);
            }
            if (taken != null) {
                if (!taken.isDone()) {
                    taken.whenComplete((m, e) -> {
                        if (taken.isCancelled()) {
                            retireIfIdle(channel);
                        }
                    });
                }
                return taken;
            }
            byChannel.remove(channel, mailbox);
        }
    }

    /**
     * Drops expired messages of every channel and forgets idle channels whose messages expired.
     * Offers and takes drop a channel's expired messages anyway; this sweeps channels nobody sends
     * to or receives from any more. It visits every channel: call it now and then, not per message.
     */
    public void dropExpired() {
        for (Map.Entry<String, Mailbox> entry : byChannel.entrySet()) {
            entry.getValue().dropExpired();
            if (entry.getValue().takeExpiredReport()) {
                onExpired.accept(entry.getKey());
                retireIfIdle(entry.getKey());
            }
        }
    }

    /**
     * @param channel a channel
     * @return how many messages it holds now
     */
    public int size(String channel) {
        Mailbox mailbox = byChannel.get(channel);
        return mailbox == null ? 0 : mailbox.size();
    }

    /** @return how many channels have a queue */
    public int channelCount() {
        return byChannel.size();
    }

    /**
     * Drops every message; waiting receivers fail with {@code failure}, or keep waiting if it is
     * {@code null}.
     *
     * @param failure what waiting receivers fail with, or {@code null}
     */
    public void clear(Throwable failure) {
        for (Mailbox mailbox : byChannel.values()) {
            mailbox.clear(failure);
        }
        if (failure != null) {
            byChannel.clear();
        }
    }

    private Mailbox mailbox(String channel) {
        Mailbox mailbox = byChannel.get(channel); // no lambda, no lock on the common path
        return mailbox != null ? mailbox : byChannel.computeIfAbsent(channel, newMailbox);
    }

    private void retireIfIdle(String channel) {
        Mailbox mailbox = byChannel.get(channel);
        if (mailbox != null && mailbox.retireIfIdle()) {
            byChannel.remove(channel, mailbox);
        }
    }
}
