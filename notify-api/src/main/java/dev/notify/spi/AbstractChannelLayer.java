package dev.notify.spi;

import dev.notify.layer.ChannelLayer;
import dev.notify.layer.ChannelLayerException;
import dev.notify.layer.LayerHealth;
import dev.notify.layer.Message;
import dev.notify.layer.Stages;
import dev.notify.metrics.MeterSink;
import dev.notify.metrics.MeterSource;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Supplier;

/**
 * The base of a channel layer backend, as Channels' {@code BaseChannelLayer} is: it checks every
 * name and message, owns the closed state, and names this instance's channels, so that a backend
 * writes only what its backend does.
 *
 * <p>Each operation of {@link ChannelLayer} is final here and runs in three steps:
 * <ol>
 *   <li>the arguments are checked: a bad channel or group name throws
 *       {@link IllegalArgumentException} with the name and the rule ({@link NameRules}), a null
 *       message {@link NullPointerException}, both at once as {@link ChannelLayer} requires;</li>
 *   <li>after {@link #closeAsync()}, the returned stage fails with {@link ChannelLayerException}
 *       ("the ... channel layer is closed") and the backend is not called;</li>
 *   <li>otherwise the matching {@code do...} method runs with arguments known to be valid. A
 *       {@link ChannelLayerException} it throws (such as a
 *       {@link dev.notify.layer.ChannelFullException}) becomes the failure of the returned stage; an
 *       {@link IllegalArgumentException} it throws reaches the caller as the caller's mistake.</li>
 * </ol>
 *
 * <p>{@link #closeAsync()} runs {@link #doClose()} once; every later call returns the same stage.
 *
 * <p>Channel names: {@link #newChannel(String)} makes {@code prefix.<process>!<random>}, where
 * {@code <process>} is the name given to the constructor; {@link #isLocal(String)} tells the channels
 * this instance made, and {@link #requireLocal(String)} refuses a receive from another process's
 * channel.
 *
 * <p>Meters ({@link #describeMeters}): {@code notify.layer.operations} (tags {@code operation} and
 * {@code outcome}: {@code success} or {@code failure}; a cancelled receive is neither), counted from
 * the moment the layer is described; {@code notify.layer.up} (1 while {@link #health()} is up);
 * {@code notify.layer.dropped} (tag {@code reason}), the message copies the backend dropped, counted
 * through {@link #droppedCounter(String)}; and whatever the backend adds in
 * {@link #describeBackendMeters}.
 *
 * @since 0.2
 */
public abstract class AbstractChannelLayer implements ChannelLayer, MeterSource {
    /** The operations, as the {@code operation} tag of {@code notify.layer.operations} names them. */
    private enum Operation {
        SEND("send"), RECEIVE("receive"), RECEIVE_BATCH("receive_batch"), NEW_CHANNEL("new_channel"), GROUP_ADD("group_add"),
        GROUP_DISCARD("group_discard"), GROUP_SEND("group_send"), FLUSH("flush");

        final String tag;

        Operation(String tag) {
            this.tag = tag;
        }
    }

    private final String description;
    private final String localSuffix;
    private final AtomicReference<CompletableFuture<Void>> closing = new AtomicReference<>();
    private final Map<String, LongAdder> dropped = new ConcurrentHashMap<>();
    /** successes and failures per operation, two slots each; {@code null} until described */
    private volatile LongAdder[] outcomes;

    /**
     * @param description what the layer is, for error messages, such as {@code "the Redis channel layer"}
     * @param processName this instance's part of its channel names: unique among the processes that
     *     share a backend (see {@link #randomProcessName()}); ASCII letters, digits, {@code -},
     *     {@code _} and {@code .}
     * @throws IllegalArgumentException if the process name breaks the name rule
     */
    protected AbstractChannelLayer(String description, String processName) {
        this.description = Objects.requireNonNull(description, "description");
        try {
            NameRules.requireGroup(processName);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("process name: " + e.getMessage(), e);
        }
        this.localSuffix = "." + processName + "!";
    }

    /** @return 32 random hexadecimal digits: a process name no other process shares */
    protected static String randomProcessName() {
        return UUID.randomUUID().toString().replace("-", "");
    }

    @Override
    public final CompletionStage<Void> send(String channel, Message message) {
        NameRules.requireChannel(channel);
        Objects.requireNonNull(message, "message");
        return run(Operation.SEND, () -> doSend(channel, message));
    }

    @Override
    public final CompletionStage<Message> receive(String channel) {
        NameRules.requireChannel(channel);
        return run(Operation.RECEIVE, () -> doReceive(channel));
    }

    @Override
    public final CompletionStage<List<Message>> receiveBatch(String channel, int max) {
        NameRules.requireChannel(channel);
        if (max < 1) {
            throw new IllegalArgumentException("a batch takes at least 1 message, but max was " + max);
        }
        return run(Operation.RECEIVE_BATCH, () -> doReceiveBatch(channel, max));
    }

    @Override
    public final CompletionStage<String> newChannel(String prefix) {
        NameRules.requireGroup(prefix);
        return run(Operation.NEW_CHANNEL, () -> doNewChannel(prefix));
    }

    @Override
    public final CompletionStage<Void> groupAdd(String group, String channel) {
        NameRules.requireGroup(group);
        NameRules.requireChannel(channel);
        return run(Operation.GROUP_ADD, () -> doGroupAdd(group, channel));
    }

    @Override
    public final CompletionStage<Void> groupDiscard(String group, String channel) {
        NameRules.requireGroup(group);
        NameRules.requireChannel(channel);
        return run(Operation.GROUP_DISCARD, () -> doGroupDiscard(group, channel));
    }

    @Override
    public final CompletionStage<Void> groupSend(String group, Message message) {
        NameRules.requireGroup(group);
        Objects.requireNonNull(message, "message");
        return run(Operation.GROUP_SEND, () -> doGroupSend(group, message));
    }

    @Override
    public final CompletionStage<Void> flush() {
        return run(Operation.FLUSH, this::doFlush);
    }

    @Override
    public final CompletionStage<Void> closeAsync() {
        CompletableFuture<Void> first = new CompletableFuture<>();
        if (!closing.compareAndSet(null, first)) {
            return closing.get();
        }
        try {
            doClose().whenComplete((ok, failure) -> {
                if (failure != null) {
                    first.completeExceptionally(failure);
                } else {
                    first.complete(null);
                }
            });
        } catch (RuntimeException e) {
            first.completeExceptionally(e);
        }
        return first;
    }

    /**
     * Down once the layer is closed; otherwise up. A backend that can lose its connection overrides
     * this and reports {@code super.health()} while closed.
     *
     * @return the current health
     */
    @Override
    public LayerHealth health() {
        return isClosed() ? LayerHealth.down(description + " is closed") : LayerHealth.UP;
    }

    /**
     * Describes this layer's meters (see the class description), then the backend's; from now on
     * every operation is counted.
     *
     * @param sink where the meters go
     */
    @Override
    public final void describeMeters(MeterSink sink) {
        LongAdder[] counts = outcomes;
        if (counts == null) {
            synchronized (dropped) {
                counts = outcomes;
                if (counts == null) {
                    counts = new LongAdder[Operation.values().length * 2];
                    for (int i = 0; i < counts.length; i++) {
                        counts[i] = new LongAdder();
                    }
                    outcomes = counts;
                }
            }
        }
        for (Operation operation : Operation.values()) {
            LongAdder success = counts[2 * operation.ordinal()];
            LongAdder failure = counts[2 * operation.ordinal() + 1];
            sink.counter("notify.layer.operations", "channel layer operations, by outcome", success::sum,
                    "operation", operation.tag, "outcome", "success");
            sink.counter("notify.layer.operations", "channel layer operations, by outcome", failure::sum,
                    "operation", operation.tag, "outcome", "failure");
        }
        sink.gauge("notify.layer.up", "1 while the channel layer can serve operations, else 0",
                () -> health().up() ? 1 : 0);
        dropped.forEach((reason, count) -> sink.counter("notify.layer.dropped",
                "message copies the channel layer dropped, by reason", count::sum, "reason", reason));
        describeBackendMeters(sink);
    }

    /**
     * Describes the backend's own meters, such as its reconnects; none by default.
     *
     * @param sink where the meters go
     */
    protected void describeBackendMeters(MeterSink sink) {
    }

    /**
     * The counter of message copies dropped for one reason, for {@code notify.layer.dropped}; call
     * it in the constructor (or a field initializer) for every reason the backend has, so that the
     * meter exists before the first drop.
     *
     * @param reason why copies are dropped, lower case with {@code _}, such as {@code channel_full}
     * @return the counter to add the dropped copies to
     */
    protected final LongAdder droppedCounter(String reason) {
        return dropped.computeIfAbsent(Objects.requireNonNull(reason, "reason"), r -> new LongAdder());
    }

    /**
     * Queues a message on a channel.
     *
     * @param channel a valid channel name
     * @param message the message, not null
     * @return completes when the message is queued
     */
    protected abstract CompletionStage<Void> doSend(String channel, Message message);

    /**
     * Takes the next message of a channel; cancelling the stage stops waiting without losing a message.
     *
     * @param channel a valid channel name
     * @return completes with the message
     */
    protected abstract CompletionStage<Message> doReceive(String channel);

    /**
     * Takes up to {@code max} queued messages of a channel, oldest first, waiting for one if none is
     * queued; cancelling the stage stops waiting without losing a message. By default one
     * {@link #receive}; a backend that holds messages locally overrides this to hand over all it has
     * (see {@link Mailboxes#takeBatch}).
     *
     * @param channel a valid channel name
     * @param max the most messages to take, at least 1
     * @return completes with 1 to {@code max} messages in an unmodifiable list
     * @since 0.3
     */
    protected CompletionStage<List<Message>> doReceiveBatch(String channel, int max) {
        return ChannelLayer.super.receiveBatch(channel, max);
    }

    /**
     * Makes a new channel of this instance. By default a name from {@link #newChannelName(String)};
     * a backend that must prepare to receive on it overrides this.
     *
     * @param prefix a valid prefix
     * @return completes with the new channel name
     */
    protected CompletionStage<String> doNewChannel(String prefix) {
        return CompletableFuture.completedFuture(newChannelName(prefix));
    }

    /**
     * Adds a channel to a group or refreshes its membership.
     *
     * @param group a valid group name
     * @param channel a valid channel name
     * @return completes when the membership is recorded
     */
    protected abstract CompletionStage<Void> doGroupAdd(String group, String channel);

    /**
     * Removes a channel from a group.
     *
     * @param group a valid group name
     * @param channel a valid channel name
     * @return completes when the membership is gone
     */
    protected abstract CompletionStage<Void> doGroupDiscard(String group, String channel);

    /**
     * Sends a message to every member of a group, best effort.
     *
     * @param group a valid group name
     * @param message the message, not null
     * @return completes when the message is queued for every member that had room
     */
    protected abstract CompletionStage<Void> doGroupSend(String group, Message message);

    /**
     * Drops every queued message and every group membership.
     *
     * @return completes when everything is gone
     */
    protected abstract CompletionStage<Void> doFlush();

    /**
     * Releases the backend; called once, after {@link #isClosed()} has become true. Waiting
     * receivers are failed with {@link #closedException()}.
     *
     * @return completes when the resources are released
     */
    protected abstract CompletionStage<Void> doClose();

    /** @return whether {@link #closeAsync()} has been called */
    protected final boolean isClosed() {
        return closing.get() != null;
    }

    /** @return the failure of an operation on the closed layer, naming the layer */
    protected final ChannelLayerException closedException() {
        return new ChannelLayerException(description + " is closed");
    }

    /**
     * @param prefix a valid prefix
     * @return {@code prefix.<process>!<random>}, a name no other channel has
     * @throws IllegalArgumentException if the name would be 100 characters or longer
     */
    protected final String newChannelName(String prefix) {
        return NameRules.requireChannel(prefix + localSuffix + randomProcessName());
    }

    /**
     * @param channel a valid channel name
     * @return whether it is a process-specific channel of this instance (made by its {@link #newChannel})
     */
    protected final boolean isLocal(String channel) {
        return NameRules.isProcessSpecific(channel) && NameRules.nonLocalPart(channel).endsWith(localSuffix);
    }

    /**
     * Refuses to receive from another process's channel: only the process that made a
     * process-specific channel reads it. Normal channels (without {@code !}) pass.
     *
     * @param channel a valid channel name
     * @throws IllegalArgumentException if the channel is process-specific and not this instance's
     */
    protected final void requireLocal(String channel) {
        if (NameRules.isProcessSpecific(channel) && !isLocal(channel)) {
            throw new IllegalArgumentException("channel '" + channel + "' belongs to another process: only the layer"
                    + " whose newChannel() made it can receive from it (this layer's channels contain '" + localSuffix + "')");
        }
    }

    private <T> CompletionStage<T> run(Operation name, Supplier<CompletionStage<T>> operation) {
        CompletionStage<T> stage;
        if (isClosed()) {
            stage = CompletableFuture.failedFuture(closedException());
        } else {
            try {
                stage = operation.get();
            } catch (ChannelLayerException e) {
                stage = CompletableFuture.failedFuture(e);
            }
        }
        LongAdder[] counts = outcomes;
        if (counts != null) {
            stage.whenComplete((result, failure) -> {
                if (failure == null) {
                    counts[2 * name.ordinal()].increment();
                } else if (!(Stages.unwrap(failure) instanceof CancellationException)) {
                    counts[2 * name.ordinal() + 1].increment();
                }
            });
        }
        return stage;
    }
}
