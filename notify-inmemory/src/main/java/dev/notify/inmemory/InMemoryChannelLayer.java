package dev.notify.inmemory;

import dev.notify.core.support.GroupRegistry;
import dev.notify.core.support.Mailboxes;
import dev.notify.core.support.NameRules;
import dev.notify.layer.ChannelFullException;
import dev.notify.layer.ChannelLayer;
import dev.notify.layer.ChannelLayerException;
import dev.notify.layer.Message;
import java.security.SecureRandom;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A channel layer that lives in one process (Channels' {@code InMemoryChannelLayer}): thread-safe,
 * with capacity, message expiry, group expiry, and receivers woken in the order they started
 * waiting. Every operation completes at once, except {@link #receive} on an empty channel.
 *
 * <p>As in Channels, a channel whose messages expire unread is taken out of every group: its
 * receiver is presumed gone.
 *
 * <pre>{@code
 * ChannelLayer layer = InMemoryChannelLayer.create();
 * ChannelLayer tuned = InMemoryChannelLayer.create(InMemoryLayerOptions.builder().capacity(1000).build());
 * }</pre>
 *
 * @since 0.1
 */
public final class InMemoryChannelLayer implements ChannelLayer {
    private static final Logger log = LoggerFactory.getLogger(InMemoryChannelLayer.class);
    private static final char[] LETTERS = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ".toCharArray();
    private static final CompletionStage<Void> DONE = CompletableFuture.completedFuture(null);

    private final InMemoryLayerOptions options;
    private final GroupRegistry groups;
    private final Mailboxes mailboxes;
    private final SecureRandom random = new SecureRandom();
    private static final long SWEEP_INTERVAL_MILLIS = 1000;
    private final AtomicLong lastSweep = new AtomicLong(Long.MIN_VALUE / 2);
    private volatile boolean closed;

    private InMemoryChannelLayer(InMemoryLayerOptions options) {
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
    public CompletionStage<Void> send(String channel, Message message) {
        NameRules.requireChannel(channel);
        Objects.requireNonNull(message, "message");
        if (closed) {
            return closedFailure();
        }
        try {
            mailboxes.offer(channel, message);
        } catch (ChannelFullException e) {
            return CompletableFuture.failedFuture(e);
        }
        return DONE;
    }

    @Override
    public CompletionStage<Message> receive(String channel) {
        NameRules.requireChannel(channel);
        if (closed) {
            return closedFailure();
        }
        return mailboxes.take(channel);
    }

    @Override
    public CompletionStage<String> newChannel(String prefix) {
        NameRules.requireGroup(prefix);
        char[] local = new char[12];
        for (int i = 0; i < local.length; i++) {
            local[i] = LETTERS[random.nextInt(LETTERS.length)];
        }
        return CompletableFuture.completedFuture(NameRules.requireChannel(prefix + ".inmemory!" + new String(local)));
    }

    @Override
    public CompletionStage<Void> groupAdd(String group, String channel) {
        NameRules.requireGroup(group);
        NameRules.requireChannel(channel);
        if (closed) {
            return closedFailure();
        }
        groups.add(group, channel);
        return DONE;
    }

    @Override
    public CompletionStage<Void> groupDiscard(String group, String channel) {
        NameRules.requireGroup(group);
        NameRules.requireChannel(channel);
        if (closed) {
            return closedFailure();
        }
        groups.discard(group, channel);
        return DONE;
    }

    @Override
    public CompletionStage<Void> groupSend(String group, Message message) {
        NameRules.requireGroup(group);
        Objects.requireNonNull(message, "message");
        if (closed) {
            return closedFailure();
        }
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
            log.info("{} channels over capacity in group {}; their copy of the {} message was dropped", full[0], group, message.type());
        }
        return DONE;
    }

    @Override
    public CompletionStage<Void> flush() {
        if (closed) {
            return closedFailure();
        }
        mailboxes.clear(null);
        groups.clear();
        return DONE;
    }

    @Override
    public CompletionStage<Void> closeAsync() {
        closed = true;
        mailboxes.clear(new ChannelLayerException("the in-memory channel layer is closed"));
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

    private static <T> CompletionStage<T> closedFailure() {
        return CompletableFuture.failedFuture(new ChannelLayerException("the in-memory channel layer is closed"));
    }

    @Override
    public String toString() {
        return "InMemoryChannelLayer{" + options.capacity() + ", expiry " + options.expiry() + "}";
    }
}
