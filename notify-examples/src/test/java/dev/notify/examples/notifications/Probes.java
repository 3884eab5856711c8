package dev.notify.examples.notifications;

import dev.notify.netty.WsClient;
import dev.notify.tck.Await;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Waits until a group send reaches every client, where a layer may lose sends for a while: after a
 * failover, while a broker reconnects, or until a NATS cluster has spread the clients' interest.
 */
final class Probes {
    private Probes() {
    }

    /**
     * Adds notifications in the admin until every client has received one: until then a send may be
     * refused, or published where a subscriber's interest is not (yet) known and lost (pub/sub is at
     * most once).
     *
     * @param admin a logged-in admin of the sending app
     * @param clients the clients
     */
    static void awaitDeliveryToAll(HttpBrowser admin, List<WsClient> clients) {
        List<WsClient> waiting = new ArrayList<>(clients);
        int[] probe = {0};
        Await.awaitCondition(() -> waiting.size() + " of " + clients.size() + " clients receiving a notification",
                Duration.ofSeconds(30), () -> {
                    admin.addNotification("probe " + ++probe[0], false);
                    waiting.removeIf(client -> client.poll(Duration.ofMillis(200)).isPresent());
                    return waiting.isEmpty();
                });
    }

    /**
     * @param client a client that {@link #awaitDeliveryToAll} waited for
     * @param count the size of the burst that followed
     * @return the client's next texts up to that burst's last, skipping the probes' notifications
     */
    static List<String> burstAfter(WsClient client, int count) {
        String text = client.receive();
        while (text.contains("current_notification")) {
            text = client.receive();
        }
        List<String> burst = new ArrayList<>(List.of(text));
        while (burst.size() < count) {
            burst.add(client.receive());
        }
        return burst;
    }

    /**
     * @param count a burst's size
     * @return what {@code /home?count=COUNT} sends, in order
     */
    static List<String> burst(int count) {
        List<String> texts = new ArrayList<>();
        for (int i = 1; i <= count; i++) {
            texts.add("{\"count\": " + i + "}");
        }
        return texts;
    }
}
