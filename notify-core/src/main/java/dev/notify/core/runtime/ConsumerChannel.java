package dev.notify.core.runtime;

import dev.notify.layer.ChannelLayer;
import dev.notify.layer.Message;
import dev.notify.layer.Stages;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArraySet;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A consumer's place on the layer, shared by every kind of connection: its channel name, the
 * groups it joined, and the receive loop that hands each message to the connection's serial
 * executor and takes the next one when the handler is done (so a consumer's messages are handled
 * one at a time, in order, and a slow consumer's channel fills up instead of the server's memory).
 */
final class ConsumerChannel {
    private static final Logger log = LoggerFactory.getLogger(ConsumerChannel.class);
    private static final CompletionStage<Void> DONE = CompletableFuture.completedFuture(null);
    /** The most layer messages handled in one pass: a full channel at Channels' default capacity. */
    static final int BATCH = 100;

    /** Handles one message; the loop receives the next when the returned stage completes. */
    interface Handler {
        CompletionStage<Void> handle(Message message);
    }

    private final ChannelLayer layer;
    // a connection joins few groups, and rarely changes them: no hash table per connection
    private final Set<String> groups = new CopyOnWriteArraySet<>();
    private volatile String name;
    private volatile CompletableFuture<List<Message>> pendingReceive;

    ConsumerChannel(ChannelLayer layer) {
        this.layer = layer;
    }

    /** Gets a channel name and joins the consumer's groups. */
    CompletionStage<Void> open(Set<String> initialGroups) {
        return layer.newChannel().thenCompose(channel -> {
            name = channel;
            List<CompletableFuture<Void>> joins = new ArrayList<>();
            for (String group : initialGroups) {
                joins.add(groupAdd(group).toCompletableFuture());
            }
            return CompletableFuture.allOf(joins.toArray(CompletableFuture[]::new));
        });
    }

    /** @return the channel name, or {@code null} before {@link #open} got one */
    String name() {
        return name;
    }

    CompletionStage<Void> groupAdd(String group) {
        String channel = requireName("groupAdd");
        groups.add(group);
        return layer.groupAdd(group, channel);
    }

    CompletionStage<Void> groupDiscard(String group) {
        String channel = requireName("groupDiscard");
        groups.remove(group);
        return layer.groupDiscard(group, channel);
    }

    private String requireName(String operation) {
        String channel = name;
        if (channel == null) {
            throw new IllegalStateException(operation + " before the connection has a channel");
        }
        return channel;
    }

    /**
     * Receives messages until {@code closed} says so or receiving fails: all that are queued, up to
     * {@link #BATCH}, in one receive and one serial task, so that a burst costs one receive and one
     * task per batch rather than per message, and its frames leave in one flush. Each message is
     * handled in order; an asynchronous handler's stage is awaited before the next message, and the
     * next batch is received when the last handler is done.
     *
     * @param failed told when the layer fails to deliver (not when receiving was stopped)
     */
    void pump(SerialExecutor serial, BooleanSupplier closed, Handler handler, Consumer<Throwable> failed) {
        if (closed.getAsBoolean()) {
            return;
        }
        CompletableFuture<List<Message>> receive = layer.receiveBatch(name, BATCH).toCompletableFuture();
        pendingReceive = receive;
        receive.whenComplete((messages, error) -> {
            if (error != null) {
                Throwable cause = Stages.unwrap(error);
                if (!(cause instanceof CancellationException) && !closed.getAsBoolean()) {
                    log.warn("receiving from the channel layer failed for {} ({}); closing the connection", name, cause.toString());
                    failed.accept(cause);
                }
                return;
            }
            serial.submit(() -> handle(messages, 0, serial, closed, handler, failed));
        });
        if (closed.getAsBoolean()) {
            receive.cancel(false);
        }
    }

    /** Hands each message from {@code from} on to the handler, in order, then receives again. */
    private CompletionStage<Void> handle(List<Message> messages, int from, SerialExecutor serial, BooleanSupplier closed,
                                         Handler handler, Consumer<Throwable> failed) {
        for (int i = from; i < messages.size(); i++) {
            if (closed.getAsBoolean()) {
                return DONE;
            }
            CompletableFuture<Void> handled = handler.handle(messages.get(i)).toCompletableFuture();
            if (!handled.isDone()) {
                // an asynchronous handler: the rest of the batch follows it, as a serial task of its own
                int next = i + 1;
                return handled.whenComplete((r, e) -> serial.submit(() -> handle(messages, next, serial, closed, handler, failed)));
            }
        }
        pump(serial, closed, handler, failed);
        return DONE;
    }

    /** Stops the receive loop: the receive in flight is cancelled. */
    void stopReceiving() {
        CompletableFuture<List<Message>> receive = pendingReceive;
        if (receive != null) {
            receive.cancel(false);
        }
    }

    /** Leaves every group joined; a failure to leave one is logged. */
    CompletionStage<Void> leaveGroups() {
        String channel = name;
        if (channel == null || groups.isEmpty()) {
            return DONE;
        }
        List<CompletableFuture<Void>> discards = new ArrayList<>();
        for (String group : groups) {
            discards.add(layer.groupDiscard(group, channel).toCompletableFuture().exceptionally(e -> {
                log.warn("could not leave group {} for {}: {}", group, channel, Stages.unwrap(e).toString());
                return null;
            }));
        }
        groups.clear();
        return CompletableFuture.allOf(discards.toArray(CompletableFuture[]::new));
    }
}
