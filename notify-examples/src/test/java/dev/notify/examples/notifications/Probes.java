package dev.notify.examples.notifications;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.TimeUnit;

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
    static void awaitDeliveryToAll(HttpBrowser admin, List<WsClient> clients) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        List<WsClient> waiting = new ArrayList<>(clients);
        for (int probe = 1; !waiting.isEmpty(); probe++) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError(waiting.size() + " of " + clients.size() + " clients received nothing within 30 s");
            }
            admin.addNotification("probe " + probe, false);
            for (Iterator<WsClient> it = waiting.iterator(); it.hasNext(); ) {
                if (it.next().poll(Duration.ofMillis(200)) != null) {
                    it.remove();
                }
            }
        }
    }

    /**
     * @param client a client that {@link #awaitDeliveryToAll} waited for
     * @param count the size of the burst that followed
     * @return the client's next texts up to that burst's last, skipping the probes' notifications
     */
    static List<String> burstAfter(WsClient client, int count) {
        String text = client.next();
        while (text.contains("current_notification")) {
            text = client.next();
        }
        List<String> burst = new ArrayList<>(List.of(text));
        while (burst.size() < count) {
            burst.add(client.next());
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
