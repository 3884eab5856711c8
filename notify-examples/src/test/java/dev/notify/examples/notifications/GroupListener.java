package dev.notify.examples.notifications;

import static org.assertj.core.api.Assertions.assertThat;

import dev.notify.layer.ChannelLayer;
import dev.notify.layer.Message;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/** A channel in {@value NotificationGroup#NAME}, read the way a consumer would read it. */
final class GroupListener {
    private static final String MARKER = "{\"marker\": true}";

    private final ChannelLayer layer;
    private final String channel;

    GroupListener(ChannelLayer layer) {
        this.layer = layer;
        this.channel = layer.blocking(Duration.ofSeconds(5)).newChannel("listener");
        layer.blocking(Duration.ofSeconds(5)).groupAdd(NotificationGroup.NAME, channel);
    }

    /** @return the {@code value} of the next {@code send_notification} message, waiting up to 5 s */
    String nextValue() {
        try {
            Message message = layer.receive(channel).toCompletableFuture().get(5, TimeUnit.SECONDS);
            assertThat(message.type()).isEqualTo(NotificationGroup.MESSAGE_TYPE);
            return message.getString("value");
        } catch (Exception e) {
            throw new AssertionError("no group message within 5 s", e);
        }
    }

    /**
     * Sends a marker to the group and checks that it is the next message, so that nothing else was
     * sent before it (a check that a late message cannot pass, unlike waiting a while for nothing).
     */
    void assertNothingElseSent() {
        new NotificationGroup(layer).send(MARKER);
        assertThat(nextValue()).as("the next group message").isEqualTo(MARKER);
    }
}
