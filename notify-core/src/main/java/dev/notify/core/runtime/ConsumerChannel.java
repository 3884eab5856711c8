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

    /** Handles one message; the loop receives the next when the returned stage completes. */
    interface Handler {
        CompletionStage<Void> handle(Message message);
    }

    private final ChannelLayer layer;
    // a connection joins few groups, and rarely changes them: no hash table per connection
    private final Set<String> groups = new CopyOnWriteArraySet<>();
    private volatile String name;
    private volatile CompletableFuture<Message> pendingReceive;

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
     * Receives messages until {@code closed} says so or receiving fails: each one is handled on
     * {@code serial}, and the next is received when the handler's stage completes.
     *
     * @param failed told when the layer fails to deliver (not when receiving was stopped)
     */
    void pump(SerialExecutor serial, BooleanSupplier closed, Handler handler, Consumer<Throwable> failed) {
        if (closed.getAsBoolean()) {
            return;
        }
        CompletableFuture<Message> receive = layer.receive(name).toCompletableFuture();
        pendingReceive = receive;
        receive.whenComplete((message, error) -> {
            if (error != null) {
                Throwable cause = Stages.unwrap(error);
                if (!(cause instanceof CancellationException) && !closed.getAsBoolean()) {
                    log.warn("receiving from the channel layer failed for {} ({}); closing the connection", name, cause.toString());
                    failed.accept(cause);
                }
                return;
            }
            serial.submit(() -> {
                if (closed.getAsBoolean()) {
                    return DONE;
                }
                return handler.handle(message).whenComplete((r, e) -> pump(serial, closed, handler, failed));
            });
        });
        if (closed.getAsBoolean()) {
            receive.cancel(false);
        }
    }

    /** Stops the receive loop: the receive in flight is cancelled. */
    void stopReceiving() {
        CompletableFuture<Message> receive = pendingReceive;
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
