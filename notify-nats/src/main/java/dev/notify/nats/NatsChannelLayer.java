package dev.notify.nats;

import dev.notify.layer.ChannelFullException;
import dev.notify.layer.ChannelLayerException;
import dev.notify.layer.LayerHealth;
import dev.notify.layer.LayerTimeoutException;
import dev.notify.layer.Message;
import dev.notify.layer.Stages;
import dev.notify.spi.AbstractChannelLayer;
import dev.notify.spi.CapacityPolicy;
import dev.notify.spi.GroupRegistry;
import dev.notify.spi.Mailboxes;
import dev.notify.spi.NameRules;
import dev.notify.spi.RateLimitedLog;
import io.nats.client.Connection;
import io.nats.client.Dispatcher;
import io.nats.client.JetStreamStatusException;
import io.nats.client.Subscription;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.LongAdder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A channel layer on NATS: the processes of an application share one NATS server or cluster, and
 * nothing is stored in NATS.
 *
 * <ul>
 *   <li>A {@link #groupSend} is one publish on the group's subject {@code <prefix>.group.<group>},
 *       whatever the group size. Each process subscribes once to each group its own channels belong
 *       to, and hands the message to those members.</li>
 *   <li>A {@link #send} to a process-specific channel ({@code specific.<process>!<local>}) is a
 *       request on the subject of the process that made it, {@code <prefix>.process.<process>.<channel>};
 *       that process queues the message and answers, so a full channel fails the send with
 *       {@link ChannelFullException} as the contract asks.</li>
 *   <li>A {@link #send} to a named channel (a worker channel, no {@code !}) is a request on
 *       {@code <prefix>.channel.<channel>}, which every process that {@link #receive}s from that
 *       channel subscribes to in one queue group: exactly one of them gets each message.</li>
 * </ul>
 *
 * <p>Capacity, expiry and group expiry hold as in the other layers, in bounded local mailboxes of
 * the receiving process. What NATS core cannot give: a message sent while no process receives from
 * its channel (the owning process is gone, no worker runs, NATS is unreachable) fails the send with
 * {@link ChannelLayerException} instead of waiting in a queue; a group message published while a
 * member's process is disconnected is lost for it (at most once); a named channel's capacity is that
 * of the worker process NATS picked, not of all of them.
 *
 * <p>Group memberships live in the process that made the channel ({@link #groupAdd} accepts only
 * channels of this layer) and expire after {@code groupExpiry}; the client subscribes again after a
 * reconnect, so they survive NATS restarts and the loss of a cluster node. While disconnected,
 * operations fail fast with {@link ChannelLayerException} and {@link #health()} is down; the layer
 * reconnects for ever and logs each outage once. Messages arrive on one delivery thread of the
 * layer, which also completes {@link #receive} stages: do not block in their callbacks.
 * {@link #flush()} clears this process's buffers and memberships only: NATS holds nothing to drop.
 *
 * <p>Thread-safe. One NATS connection per layer.
 *
 * @since 0.2
 */
public final class NatsChannelLayer extends AbstractChannelLayer {
    private static final Logger LOG = LoggerFactory.getLogger(NatsChannelLayer.class);
    /** How long a send waits for the receiving process to answer, and a barrier for the server. */
    private static final Duration ANSWER_TIMEOUT = Duration.ofSeconds(10);
    /** The answer of a process that queued a sent message; {@code full <capacity>} if it could not. */
    private static final byte[] QUEUED = new byte[0];
    private static final String FULL = "full ";
    /** The queue group of every named channel's receivers. */
    private static final String WORKERS = "workers";

    private final NatsLayerOptions options;
    private final String processId;
    private final Subjects subjects;
    private final CapacityPolicy capacity;
    private final Mailboxes mailboxes;
    private final GroupRegistry groups;
    private final ConnectionWatch watch;
    private final Connection connection;
    private final Dispatcher dispatcher;
    private final ServerBarrier barrier;
    /** group to its subscription, and a stage that completes once the server has it */
    private final Map<String, GroupSubscription> groupSubscriptions = new ConcurrentHashMap<>();
    private final Map<String, Subscription> namedSubscriptions = new ConcurrentHashMap<>();
    /**
     * Held while a membership changes and the subscribe or unsubscribe it causes is issued, so they
     * reach NATS in the order of the membership changes.
     */
    private final Object membershipLock = new Object();
    private final RateLimitedLog dropLog = new RateLimitedLog();
    private final LongAdder fullDrops = droppedCounter("channel_full");
    /** When the delivery thread last dropped expired messages of every channel. */
    private long lastSweep;

    private record GroupSubscription(Subscription subscription, CompletableFuture<Void> ready) {
    }

    private NatsChannelLayer(NatsLayerOptions options) {
        this(options, randomProcessName());
    }

    private NatsChannelLayer(NatsLayerOptions options, String processId) {
        super("the NATS channel layer", processId);
        this.options = Objects.requireNonNull(options, "options");
        this.processId = processId;
        this.subjects = new Subjects(options.prefix());
        this.capacity = CapacityPolicy.of(options.capacity(), options.channelCapacity());
        this.groups = new GroupRegistry(options.groupExpiry(), options.clock());
        this.mailboxes = new Mailboxes(capacity, options.expiry(), options.clock(), groups::discardEverywhere);
        this.watch = new ConnectionWatch(options.redactedUrls());
        String name = "notify-nats-" + processId.substring(0, 8);
        this.connection = Connections.open(options, name, watch);
        this.barrier = new ServerBarrier(connection, ANSWER_TIMEOUT, name + "-flush");
        try {
            this.dispatcher = connection.createDispatcher();
            dispatcher.subscribe(subjects.processChannels(processId), this::onSend);
            dispatcher.subscribe(subjects.process(processId), this::onBarrier);
            connection.flush(ANSWER_TIMEOUT);
        } catch (TimeoutException | RuntimeException e) {
            close(connection, barrier);
            throw new ChannelLayerException("NATS at " + options.redactedUrls() + " did not confirm the subscriptions: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            close(connection, barrier);
            throw new ChannelLayerException("interrupted while subscribing on NATS", e);
        }
    }

    /**
     * A layer with every default and the given servers.
     *
     * @param urls NATS URLs of one server or cluster, such as {@code nats://127.0.0.1:4222}
     * @return the connected layer
     * @throws IllegalArgumentException if a URL is not a NATS URL
     * @throws ChannelLayerException naming the servers and the cause if none can be reached
     */
    public static NatsChannelLayer create(String... urls) {
        return builder().urls(urls).build();
    }

    /**
     * @param options the options
     * @return the connected layer
     * @throws ChannelLayerException naming the servers and the cause if none can be reached
     */
    public static NatsChannelLayer create(NatsLayerOptions options) {
        return new NatsChannelLayer(options);
    }

    /** @return a builder whose {@code build()} connects a layer */
    public static NatsLayerOptions.Builder<NatsChannelLayer> builder() {
        return new NatsLayerOptions.Builder<>(NatsChannelLayer::new);
    }

    /** @return this layer's options */
    public NatsLayerOptions options() {
        return options;
    }

    @Override
    protected CompletionStage<Void> doSend(String channel, Message message) {
        String subject = NameRules.isProcessSpecific(channel) ? subjects.direct(channel) : subjects.named(channel);
        String operation = "send to '" + channel + "'";
        CompletableFuture<io.nats.client.Message> answer;
        try {
            requireConnected();
            answer = connection.requestWithTimeout(subject, MessageCodec.encode(message), ANSWER_TIMEOUT);
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(failure(operation, e));
        }
        return answer.handle((reply, failure) -> {
            if (failure != null) {
                throw failure(operation, failure);
            }
            byte[] data = reply.getData();
            if (data == null || data.length == 0) {
                return null;
            }
            String text = new String(data, StandardCharsets.UTF_8);
            if (text.startsWith(FULL)) {
                throw new ChannelFullException(channel, Integer.parseInt(text.substring(FULL.length())));
            }
            throw new ChannelLayerException(operation + " failed: the receiving process answered: " + text);
        });
    }

    /** A process-specific channel hands over what it has queued; a named one receives one at a time. */
    @Override
    protected CompletionStage<List<Message>> doReceiveBatch(String channel, int max) {
        requireLocal(channel);
        return NameRules.isProcessSpecific(channel) ? mailboxes.takeBatch(channel, max) : super.doReceiveBatch(channel, max);
    }

    @Override
    protected CompletionStage<Message> doReceive(String channel) {
        requireLocal(channel);
        if (NameRules.isProcessSpecific(channel)) {
            return mailboxes.take(channel);
        }
        try {
            subscribeNamed(channel);
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(failure("receive from '" + channel + "'", e));
        }
        CompletableFuture<Message> taken = mailboxes.take(channel);
        if (!taken.isDone()) {
            // a cancelled receive means the worker is gone: leave the queue group, so that NATS
            // stops handing this process the channel's messages (a later receive joins again)
            taken.whenComplete((message, failure) -> {
                if (taken.isCancelled() && !isClosed()) {
                    unsubscribeNamed(channel);
                }
            });
        }
        return taken;
    }

    @Override
    protected CompletionStage<Void> doGroupAdd(String group, String channel) {
        if (!isLocal(channel)) {
            throw new IllegalArgumentException("the NATS layer can only add channels made by this layer's newChannel()"
                    + " to a group, but '" + channel + "' is not one: memberships live in the process that receives");
        }
        try {
            requireConnected();
            synchronized (membershipLock) {
                groups.add(group, channel);
                GroupSubscription subscription = groupSubscriptions.get(group);
                if (subscription == null) {
                    Subscription subscribed = dispatcher.subscribe(subjects.group(group), message -> onGroupMessage(group, message));
                    subscription = new GroupSubscription(subscribed, barrier.await());
                    groupSubscriptions.put(group, subscription);
                }
                return subscription.ready().copy().exceptionally(failure -> {
                    throw failure("groupAdd to '" + group + "'", failure);
                });
            }
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(failure("groupAdd to '" + group + "'", e));
        }
    }

    @Override
    protected CompletionStage<Void> doGroupDiscard(String group, String channel) {
        synchronized (membershipLock) {
            groups.discard(group, channel);
            unsubscribeIfEmpty(group);
        }
        return CompletableFuture.completedFuture(null);
    }

    @Override
    protected CompletionStage<Void> doGroupSend(String group, Message message) {
        String operation = "groupSend to '" + group + "'";
        try {
            requireConnected();
            connection.publish(subjects.group(group), MessageCodec.encode(message));
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(failure(operation, e));
        }
        // completes once the server has it, so that a later send from any process is ordered after it
        return barrier.await().exceptionally(failure -> {
            throw failure(operation, failure);
        });
    }

    /** Once every message NATS delivered before has been handed over; named channels stay subscribed. */
    @Override
    protected CompletionStage<Void> doFlush() {
        CompletableFuture<io.nats.client.Message> delivered;
        try {
            requireConnected();
            // answered on the delivery thread after everything that arrived before it
            delivered = connection.requestWithTimeout(subjects.process(processId), QUEUED, ANSWER_TIMEOUT);
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(failure("flush", e));
        }
        return delivered.handle((reply, failure) -> {
            if (failure != null) {
                throw failure("flush", failure);
            }
            synchronized (membershipLock) {
                mailboxes.clear(null);
                groups.clear();
                for (String group : List.copyOf(groupSubscriptions.keySet())) {
                    unsubscribeIfEmpty(group);
                }
            }
            return null;
        });
    }

    /**
     * @return up while connected to a NATS server; down, with the servers, the time and the last
     *     error, while the layer reconnects, and once it is closed
     */
    @Override
    public LayerHealth health() {
        return isClosed() ? super.health() : watch.health(connection);
    }

    @Override
    protected CompletionStage<Void> doClose() {
        return CompletableFuture.runAsync(() -> {
            mailboxes.clear(closedException());
            close(connection, barrier);
        }, runnable -> new Thread(runnable, "notify-nats-close").start());
    }

    @Override
    public String toString() {
        return "NatsChannelLayer" + options;
    }

    /** A direct or named send: queue it and answer whether it was. On the delivery thread. */
    private void onSend(io.nats.client.Message request) {
        String channel = Subjects.channelOf(request.getSubject());
        sweepExpired();
        byte[] answer = QUEUED;
        try {
            mailboxes.offer(channel, MessageCodec.decode(request.getData()));
        } catch (ChannelFullException e) {
            answer = (FULL + capacity.capacity(channel)).getBytes(StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            LOG.warn("refused a message of {} bytes to {} that cannot be read: {}", request.getData().length, channel, e.getMessage());
            answer = ("unreadable message: " + e.getMessage()).getBytes(StandardCharsets.UTF_8);
        }
        answer(request, answer);
    }

    private void onBarrier(io.nats.client.Message request) {
        answer(request, QUEUED);
    }

    private void answer(io.nats.client.Message request, byte[] answer) {
        if (request.getReplyTo() == null) {
            return;
        }
        try {
            connection.publish(request.getReplyTo(), answer);
        } catch (IllegalStateException e) {
            LOG.debug("could not answer {}: {}", request.getSubject(), e.getMessage()); // the sender times out
        }
    }

    /** On the delivery thread. */
    private void onGroupMessage(String group, io.nats.client.Message published) {
        Message message;
        try {
            message = MessageCodec.decode(published.getData());
        } catch (IllegalArgumentException e) {
            LOG.warn("skipped a message of {} bytes to group {} that cannot be read: {}", published.getData().length, group,
                    e.getMessage());
            return;
        }
        sweepExpired();
        int[] full = {0};
        int members = groups.forEachMember(group, member -> {
            try {
                mailboxes.offer(member, message);
            } catch (ChannelFullException e) {
                full[0]++;
            }
        });
        if (full[0] > 0) {
            int dropped = full[0];
            fullDrops.add(dropped);
            dropLog.log(note -> LOG.info("{} channel(s) over capacity in group {}; their copy of the {} message was dropped{}",
                    dropped, group, message.type(), note));
        }
        if (members == 0) {
            // every membership expired: stop receiving the group's messages
            synchronized (membershipLock) {
                unsubscribeIfEmpty(group);
            }
        }
    }

    /**
     * Forgets the mailboxes of channels whose messages expired unread (consumers that left), at
     * most once a second; offers and takes drop a live channel's expired messages anyway.
     */
    private void sweepExpired() {
        long now = options.clock().millis();
        if (now - lastSweep >= 1000) {
            lastSweep = now;
            mailboxes.dropExpired();
        }
    }

    /** Under {@link #membershipLock}. */
    private void unsubscribeIfEmpty(String group) {
        if (groups.forEachMember(group, member -> { }) > 0) {
            return;
        }
        GroupSubscription subscription = groupSubscriptions.remove(group);
        if (subscription != null) {
            unsubscribe(subscription.subscription());
        }
    }

    private void subscribeNamed(String channel) {
        if (namedSubscriptions.containsKey(channel)) {
            return;
        }
        requireConnected();
        synchronized (membershipLock) {
            namedSubscriptions.computeIfAbsent(channel, c -> dispatcher.subscribe(subjects.named(c), WORKERS, this::onSend));
        }
    }

    private void unsubscribeNamed(String channel) {
        synchronized (membershipLock) {
            Subscription subscription = namedSubscriptions.remove(channel);
            if (subscription != null) {
                unsubscribe(subscription);
            }
        }
    }

    private void unsubscribe(Subscription subscription) {
        try {
            dispatcher.unsubscribe(subscription);
        } catch (IllegalStateException e) {
            LOG.debug("could not unsubscribe from {}: {}", subscription.getSubject(), e.getMessage()); // closed
        }
    }

    private void requireConnected() {
        if (isClosed()) {
            throw closedException();
        }
        if (connection.getStatus() != Connection.Status.CONNECTED) {
            throw new ChannelLayerException("NATS is not reachable: " + watch.health(connection).detail());
        }
    }

    /** Translates a client failure into the layer's exceptions. */
    private RuntimeException failure(String operation, Throwable failure) {
        Throwable cause = Stages.unwrap(failure);
        if (cause instanceof ChannelLayerException layerFailure) {
            return layerFailure; // ours, including ChannelFullException and LayerTimeoutException
        }
        if (cause instanceof JetStreamStatusException noResponders && noResponders.getStatus().getCode() == 503) {
            return new ChannelLayerException(operation + " failed: no process receives from that channel (NATS keeps"
                    + " no messages: the process that made it has stopped, or no worker receives from it yet)", cause);
        }
        if (cause instanceof TimeoutException) {
            return new LayerTimeoutException(operation + ": no answer within " + ANSWER_TIMEOUT.toSeconds() + " s", cause);
        }
        if (cause instanceof IllegalStateException) {
            return new ChannelLayerException(operation + " failed: " + (isClosed() ? closedException().getMessage()
                    : "NATS is not reachable: " + watch.health(connection).detail()), cause);
        }
        return new ChannelLayerException(operation + " failed: " + cause, cause);
    }

    private static void close(Connection connection, ServerBarrier barrier) {
        barrier.close();
        try {
            connection.close();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
