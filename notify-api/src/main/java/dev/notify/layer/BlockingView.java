package dev.notify.layer;

import java.time.Duration;
import java.util.Objects;

/** The blocking view behind {@link ChannelLayer#blocking}: each call is {@link Stages#join}. */
final class BlockingView implements BlockingChannelLayer {
    private final ChannelLayer layer;
    private final Duration timeout;

    BlockingView(ChannelLayer layer, Duration timeout) {
        this.layer = Objects.requireNonNull(layer, "layer");
        this.timeout = Stages.requirePositive(timeout);
    }

    @Override
    public void send(String channel, Message message) {
        Stages.join(layer.send(channel, message), timeout, "send to '" + channel + "'");
    }

    @Override
    public Message receive(String channel) {
        return Stages.join(layer.receive(channel), timeout, "receive from '" + channel + "'");
    }

    @Override
    public String newChannel(String prefix) {
        return Stages.join(layer.newChannel(prefix), timeout, "newChannel");
    }

    @Override
    public void groupAdd(String group, String channel) {
        Stages.join(layer.groupAdd(group, channel), timeout, "groupAdd to '" + group + "'");
    }

    @Override
    public void groupDiscard(String group, String channel) {
        Stages.join(layer.groupDiscard(group, channel), timeout, "groupDiscard from '" + group + "'");
    }

    @Override
    public void groupSend(String group, Message message) {
        Stages.join(layer.groupSend(group, message), timeout, "groupSend to '" + group + "'");
    }

    @Override
    public void flush() {
        Stages.join(layer.flush(), timeout, "flush");
    }

    @Override
    public void close() {
        Stages.join(layer.closeAsync(), timeout, "close");
    }

    @Override
    public ChannelLayer async() {
        return layer;
    }
}
