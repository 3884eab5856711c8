package dev.notify.inmemory;

import dev.notify.layer.ChannelFullException;
import dev.notify.layer.Message;
import dev.notify.spi.AbstractChannelLayer;
import dev.notify.spi.GroupRegistry;
import dev.notify.spi.Mailboxes;
import dev.notify.spi.RateLimitedLog;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A channel layer that lives in one process (Channels' {@code InMemoryChannelLayer}): thread-safe,
 * with capacity, message expiry, group expiry, and receivers woken in the order they started
 * waiting. Every operation completes at once, except {@link #receive} on an empty channel.
 *
 * <p>As in Channels, a channel whose messages expire unread is taken out of every group: its
 * receiver is presumed gone. Group copies dropped for a full channel are logged at most once per
 * 10 s and counted ({@code notify.layer.dropped}, reason {@code channel_full}).
 *
 * <pre>{@code
 * ChannelLayer layer = InMemoryChannelLayer.create();
 * ChannelLayer tuned = InMemoryChannelLayer.create(InMemoryLayerOptions.builder().capacity(1000).build());
 * }</pre>
 *
 * @since 0.1
 */
public final class InMemoryChannelLayer extends AbstractChannelLayer {
    private static final Logger log = LoggerFactory.getLogger(InMemoryChannelLayer.class);
    private static final CompletionStage<Void> DONE = CompletableFuture.completedFuture(null);
    private static final long SWEEP_INTERVAL_MILLIS = 1000;

    private final InMemoryLayerOptions options;
    private final GroupRegistry groups;
    private final Mailboxes mailboxes;
    private final AtomicLong lastSweep = new AtomicLong(Long.MIN_VALUE / 2);
    private final RateLimitedLog dropLog = new RateLimitedLog();
    private final LongAdder fullDrops = droppedCounter("channel_full");

    private InMemoryChannelLayer(InMemoryLayerOptions options) {
        super("the in-memory channel layer", "inmemory");
        this.options = Objects.requireNonNull(options, "options");
        this.groups = new GroupRegistry(options.groupExpiry(), options.clock());
        this.mailboxes = new Mailboxes(options.capacity(), options.expiry(), options.clock(), groups::discardEverywhere);
    }

    /** @return a layer with Channels' defaults */
    public static InMemoryChannelLayer create() {
        return new InMemoryChannelLayer(InMemoryLayerOptions.defaults());
    }

    /**
     * @param options the options
     * @return a layer with those options
     */
    public static InMemoryChannelLayer create(InMemoryLayerOptions options) {
        return new InMemoryChannelLayer(options);
    }

    /** @return this layer's options */
    public InMemoryLayerOptions options() {
        return options;
    }

    @Override
    protected CompletionStage<Void> doSend(String channel, Message message) {
        mailboxes.offer(channel, message);
        return DONE;
    }

    @Override
    protected CompletionStage<Message> doReceive(String channel) {
        return mailboxes.take(channel);
    }

    @Override
    protected CompletionStage<List<Message>> doReceiveBatch(String channel, int max) {
        return mailboxes.takeBatch(channel, max);
    }

    @Override
    protected CompletionStage<Void> doGroupAdd(String group, String channel) {
        groups.add(group, channel);
        return DONE;
    }

    @Override
    protected CompletionStage<Void> doGroupDiscard(String group, String channel) {
        groups.discard(group, channel);
        return DONE;
    }

    @Override
    protected CompletionStage<Void> doGroupSend(String group, Message message) {
        sweepExpired();
        int[] full = {0};
        groups.forEachMember(group, channel -> {
            try {
                mailboxes.offer(channel, message);
            } catch (ChannelFullException e) {
                full[0]++;
            }
        });
        if (full[0] > 0) {
            int dropped = full[0];
            fullDrops.add(dropped);
            dropLog.log(note -> log.info("{} channel(s) over capacity in group {}; their copy of the {} message was dropped{}",
                    dropped, group, message.type(), note));
        }
        return DONE;
    }

    @Override
    protected CompletionStage<Void> doFlush() {
        mailboxes.clear(null);
        groups.clear();
        return DONE;
    }

    @Override
    protected CompletionStage<Void> doClose() {
        mailboxes.clear(closedException());
        groups.clear();
        return DONE;
    }

    /**
     * At most once a second, drops the expired messages of channels nobody touches any more (and
     * those channels from their groups, as Channels does); busy channels expire their own messages
     * as they are used.
     */
    private void sweepExpired() {
        long now = options.clock().millis();
        long last = lastSweep.get();
        if (now - last >= SWEEP_INTERVAL_MILLIS && lastSweep.compareAndSet(last, now)) {
            mailboxes.dropExpired();
        }
    }

    @Override
    public String toString() {
        return "InMemoryChannelLayer{" + options.capacity() + ", expiry " + options.expiry() + "}";
    }
}
