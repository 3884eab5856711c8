package dev.notify.spi;

import dev.notify.layer.Message;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * One channel's local queue: bounded, FIFO, with message expiry and asynchronous receivers that are
 * woken in the order they started waiting, without polling. A message offered while a receiver
 * waits is handed to it directly. Thread-safe. {@link Mailboxes} keeps one per channel.
 *
 * <p>A receiver cancels by cancelling its future; a message is never lost to a cancelled receiver.
 */
final class Mailbox {
    /** The outcome of an offer. */
    enum Offer { QUEUED, DROPPED_OLDEST, FULL, RETIRED }

    private final int capacity;
    private final Duration expiry;
    private final InstantSource clock;
    // small to start with: most mailboxes hold one waiting receiver and few messages, and there
    // is one per connection
    private final ArrayDeque<Entry> messages = new ArrayDeque<>(4);
    // a receiver of one message (CompletableFuture<Message>) or of a batch (BatchReceiver)
    private final ArrayDeque<CompletableFuture<?>> receivers = new ArrayDeque<>(2);
    private boolean retired;
    // set when messages expired unread, until the owner has been told (see takeExpiredReport)
    private volatile boolean expiredUnreported;

    private record Entry(Message message, Instant expiresAt) {
    }

    /** A waiting {@link #takeBatch}: it gets the message that wakes it, or up to {@link #max} offered together. */
    private static final class BatchReceiver extends CompletableFuture<List<Message>> {
        final int max;

        BatchReceiver(int max) {
            this.max = max;
        }

        boolean hand(Message message) {
            return complete(List.of(message));
        }
    }

    /**
     * @param capacity the most messages it holds
     * @param expiry how long a message may wait before it is dropped
     * @param clock the time source
     * @throws IllegalArgumentException if capacity or expiry is not positive
     */
    Mailbox(int capacity, Duration expiry, InstantSource clock) {
        if (capacity <= 0) {
            throw new IllegalArgumentException("capacity must be > 0 but was " + capacity);
        }
        if (expiry.isNegative() || expiry.isZero()) {
            throw new IllegalArgumentException("expiry must be > 0 but was " + expiry);
        }
        this.capacity = capacity;
        this.expiry = expiry;
        this.clock = clock;
    }

    /**
     * Queues a message, or hands it to a waiting receiver.
     *
     * @param message the message
     * @param dropOldest when full, drop the oldest message instead of refusing this one
     * @return what happened; {@code RETIRED} if this mailbox was retired and must not be used
     */
    Offer offer(Message message, boolean dropOldest) {
        while (true) {
            CompletableFuture<?> receiver;
            boolean dropped = false;
            synchronized (this) {
                if (retired) {
                    return Offer.RETIRED;
                }
                receiver = nextLiveReceiver();
                if (receiver == null) {
                    Instant now = clock.instant();
                    dropExpired(now);
                    if (messages.size() >= capacity) {
                        if (!dropOldest) {
                            return Offer.FULL;
                        }
                        messages.pollFirst();
                        dropped = true;
                    }
                    messages.addLast(new Entry(message, now.plus(expiry)));
                    return dropped ? Offer.DROPPED_OLDEST : Offer.QUEUED;
                }
            }
            if (hand(receiver, message)) {
                return Offer.QUEUED;
            }
            // the receiver was cancelled after we took it: offer again
        }
    }

    /**
     * Queues messages in order, dropping the oldest when full, or hands them to waiting receivers: a
     * waiting {@link #takeBatch} gets as many as it takes in one list, so that a burst read together
     * wakes its receiver once.
     *
     * @param batch the messages
     * @param from the index of the first message to offer
     * @param dropped where the number of messages dropped to make room is added
     * @return the index after the last message taken: {@code batch.size()}, or less if this mailbox
     *     was retired and must not be used for the rest
     */
    int offerAllDroppingOldest(List<Message> batch, int from, int[] dropped) {
        int next = from;
        while (next < batch.size()) {
            CompletableFuture<?> receiver;
            synchronized (this) {
                if (retired) {
                    return next;
                }
                receiver = nextLiveReceiver();
                if (receiver == null) {
                    Instant now = clock.instant();
                    dropExpired(now);
                    for (; next < batch.size(); next++) {
                        if (messages.size() >= capacity) {
                            messages.pollFirst();
                            dropped[0]++;
                        }
                        messages.addLast(new Entry(batch.get(next), now.plus(expiry)));
                    }
                    return next;
                }
            }
            if (receiver instanceof BatchReceiver waiting) {
                int end = Math.min(batch.size(), next + waiting.max);
                if (waiting.complete(Collections.unmodifiableList(new ArrayList<>(batch.subList(next, end))))) {
                    next = end;
                }
            } else if (hand(receiver, batch.get(next))) {
                next++;
            }
            // else the receiver was cancelled after we took it: offer again
        }
        return next;
    }

    /**
     * Takes the next message, now or when one arrives.
     *
     * @return a future that completes with the message (cancel it to stop waiting), or {@code null}
     *     if this mailbox was retired
     */
    CompletableFuture<Message> take() {
        synchronized (this) {
            if (retired) {
                return null;
            }
            dropExpired(clock.instant());
            Entry entry = messages.pollFirst();
            if (entry != null) {
                return CompletableFuture.completedFuture(entry.message());
            }
            CompletableFuture<Message> receiver = new CompletableFuture<>();
            receivers.addLast(receiver);
            return receiver;
        }
    }

    /**
     * Takes up to {@code max} messages, oldest first, now; or the next one when it arrives.
     *
     * @param max the most messages to take, at least 1
     * @return a future that completes with 1 to {@code max} messages in an unmodifiable list (cancel
     *     it to stop waiting), or {@code null} if this mailbox was retired
     */
    CompletableFuture<List<Message>> takeBatch(int max) {
        synchronized (this) {
            if (retired) {
                return null;
            }
            dropExpired(clock.instant());
            if (!messages.isEmpty()) {
                int n = Math.min(max, messages.size());
                List<Message> batch = new ArrayList<>(n);
                for (int i = 0; i < n; i++) {
                    batch.add(messages.pollFirst().message());
                }
                return CompletableFuture.completedFuture(Collections.unmodifiableList(batch));
            }
            BatchReceiver receiver = new BatchReceiver(max);
            receivers.addLast(receiver);
            return receiver;
        }
    }

    /**
     * Drops messages whose expiry has passed.
     *
     * @return how many were dropped
     */
    synchronized int dropExpired() {
        return messages.isEmpty() ? 0 : dropExpired(clock.instant());
    }

    /** @return the number of queued messages, expired ones included until they are dropped */
    synchronized int size() {
        return messages.size();
    }

    /**
     * Retires the mailbox if nothing is queued and nobody waits; a retired mailbox refuses offers
     * and takes, so its owner can replace it without losing a message.
     *
     * @return whether it is now retired
     */
    synchronized boolean retireIfIdle() {
        receivers.removeIf(CompletableFuture::isDone);
        if (messages.isEmpty() && receivers.isEmpty()) {
            retired = true;
        }
        return retired;
    }

    /**
     * Drops every message and fails every waiting receiver.
     *
     * @param failure what the receivers fail with, or {@code null} to leave them waiting
     */
    void clear(Throwable failure) {
        ArrayDeque<CompletableFuture<?>> failed;
        synchronized (this) {
            messages.clear();
            if (failure == null) {
                return;
            }
            failed = new ArrayDeque<>(receivers);
            receivers.clear();
        }
        failed.forEach(r -> r.completeExceptionally(failure));
    }

    @SuppressWarnings("unchecked")
    private static boolean hand(CompletableFuture<?> receiver, Message message) {
        return receiver instanceof BatchReceiver batch ? batch.hand(message)
                : ((CompletableFuture<Message>) receiver).complete(message);
    }

    private CompletableFuture<?> nextLiveReceiver() {
        CompletableFuture<?> receiver;
        while ((receiver = receivers.pollFirst()) != null) {
            if (!receiver.isDone()) {
                return receiver;
            }
        }
        return null;
    }

    private int dropExpired(Instant now) {
        int dropped = 0;
        Entry head;
        while ((head = messages.peekFirst()) != null && !head.expiresAt().isAfter(now)) {
            messages.pollFirst();
            dropped++;
        }
        if (dropped > 0) {
            expiredUnreported = true;
        }
        return dropped;
    }

    /**
     * @return whether messages expired unread since the last call; a cheap volatile read when not
     */
    boolean takeExpiredReport() {
        if (!expiredUnreported) {
            return false;
        }
        synchronized (this) {
            boolean report = expiredUnreported;
            expiredUnreported = false;
            return report;
        }
    }
}
