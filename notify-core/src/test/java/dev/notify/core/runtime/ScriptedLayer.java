package dev.notify.core.runtime;

import dev.notify.layer.Message;
import dev.notify.spi.AbstractChannelLayer;
import dev.notify.spi.CapacityPolicy;
import dev.notify.spi.Mailboxes;
import java.time.Duration;
import java.time.InstantSource;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A one-process layer for the runtime's own tests: it shows which memberships it holds and which
 * receives are still waiting, and it can hold back group adds, so a test can end a connection in
 * the middle of its connect. Group sends are not needed here and fail.
 */
final class ScriptedLayer extends AbstractChannelLayer {
    private final Mailboxes mailboxes = new Mailboxes(CapacityPolicy.of(1000), Duration.ofMinutes(5), InstantSource.system(),
            channel -> { });
    private final Map<String, Set<String>> members = new ConcurrentHashMap<>();
    private final List<CompletableFuture<Message>> receives = new CopyOnWriteArrayList<>();
    private volatile CompletableFuture<Void> groupAddGate = CompletableFuture.completedFuture(null);

    ScriptedLayer() {
        super("the scripted test layer", "scripted");
    }

    /** @return completing it lets the group adds made from now on, and held until then, finish */
    CompletableFuture<Void> holdGroupAdds() {
        CompletableFuture<Void> gate = new CompletableFuture<>();
        groupAddGate = gate;
        return gate;
    }

    /** @return the groups the channel is a member of now */
    Set<String> groupsOf(String channel) {
        Set<String> groups = ConcurrentHashMap.newKeySet();
        members.forEach((group, channels) -> {
            if (channels.contains(channel)) {
                groups.add(group);
            }
        });
        return groups;
    }

    /** @return how many receives are still waiting (neither completed nor cancelled) */
    long waitingReceives() {
        return receives.stream().filter(r -> !r.isDone()).count();
    }

    @Override
    protected CompletionStage<Void> doSend(String channel, Message message) {
        mailboxes.offer(channel, message);
        return CompletableFuture.completedFuture(null);
    }

    @Override
    protected CompletionStage<Message> doReceive(String channel) {
        CompletableFuture<Message> receive = mailboxes.take(channel);
        receives.add(receive);
        return receive;
    }

    @Override
    protected CompletionStage<Void> doGroupAdd(String group, String channel) {
        return groupAddGate.thenRun(() -> members.computeIfAbsent(group, g -> ConcurrentHashMap.newKeySet()).add(channel));
    }

    @Override
    protected CompletionStage<Void> doGroupDiscard(String group, String channel) {
        members.getOrDefault(group, Set.of()).remove(channel);
        return CompletableFuture.completedFuture(null);
    }

    @Override
    protected CompletionStage<Void> doGroupSend(String group, Message message) {
        throw new UnsupportedOperationException("the runtime's tests send to channels");
    }

    @Override
    protected CompletionStage<Void> doFlush() {
        mailboxes.clear(null);
        members.clear();
        return CompletableFuture.completedFuture(null);
    }

    @Override
    protected CompletionStage<Void> doClose() {
        mailboxes.clear(closedException());
        return CompletableFuture.completedFuture(null);
    }
}
