package dev.notify.netty;

import dev.notify.inmemory.InMemoryChannelLayer;
import dev.notify.layer.ChannelLayer;
import dev.notify.layer.Message;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;

/** A layer (in-memory unless told otherwise) with the group memberships it was told about visible to the test. */
final class MembershipLayer implements ChannelLayer {
    private final ChannelLayer layer;
    private final Map<String, Set<String>> members = new ConcurrentHashMap<>();

    MembershipLayer() {
        this(InMemoryChannelLayer.create());
    }

    /** @param layer the layer to use and close */
    MembershipLayer(ChannelLayer layer) {
        this.layer = layer;
    }

    Set<String> members(String group) {
        return Set.copyOf(members.getOrDefault(group, Set.of()));
    }

    @Override
    public CompletionStage<Void> send(String channel, Message message) {
        return layer.send(channel, message);
    }

    @Override
    public CompletionStage<Message> receive(String channel) {
        return layer.receive(channel);
    }

    @Override
    public CompletionStage<String> newChannel(String prefix) {
        return layer.newChannel(prefix);
    }

    @Override
    public CompletionStage<Void> groupAdd(String group, String channel) {
        members.computeIfAbsent(group, g -> ConcurrentHashMap.newKeySet()).add(channel);
        return layer.groupAdd(group, channel);
    }

    @Override
    public CompletionStage<Void> groupDiscard(String group, String channel) {
        members.getOrDefault(group, Set.of()).remove(channel);
        return layer.groupDiscard(group, channel);
    }

    @Override
    public CompletionStage<Void> groupSend(String group, Message message) {
        return layer.groupSend(group, message);
    }

    @Override
    public CompletionStage<Void> flush() {
        return layer.flush();
    }

    @Override
    public CompletionStage<Void> closeAsync() {
        return layer.closeAsync();
    }

    @Override
    public String toString() {
        return "MembershipLayer{" + layer + "}";
    }
}
