package dev.notify.examples.notifications;

import dev.notify.http.HttpHandler;
import dev.notify.http.HttpRequest;
import dev.notify.http.HttpResponse;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * The original app's {@code home} view at {@code /home}: sends {@code {"count": i}} for i = 1..count
 * to the group from blocking code, waiting {@code delay} seconds between two payloads, and answers
 * once the last one was sent. {@code /home?count=1000&delay=0} is a burst. A request whose
 * {@code count × delay} exceeds the configured maximum ({@code notify.home.max-duration}) is refused
 * with 400, so that no client can hold a worker thread for long.
 */
public final class HomeHandler implements HttpHandler {
    /** Payloads sent when {@code count} is not given, as in the original. */
    public static final int DEFAULT_COUNT = 9;
    /** The wait between payloads when {@code delay} is not given, as in the original. */
    public static final Duration DEFAULT_DELAY = Duration.ofSeconds(2);
    /** The largest {@code count} accepted. */
    public static final int MAX_COUNT = 100_000;
    /** The largest {@code delay} accepted. */
    public static final Duration MAX_DELAY = Duration.ofSeconds(60);

    private final NotificationGroup group;
    private final Duration maxDuration;

    /**
     * @param group where the payloads go
     * @param maxDuration the largest {@code count × delay} accepted
     */
    public HomeHandler(NotificationGroup group, Duration maxDuration) {
        this.group = Objects.requireNonNull(group, "group");
        this.maxDuration = Objects.requireNonNull(maxDuration, "maxDuration");
    }

    @Override
    public HttpResponse handle(HttpRequest request) throws InterruptedException {
        if (!request.method().equals("GET") && !request.method().equals("HEAD")) {
            return HttpResponse.builder(405).header("Allow", "GET, HEAD").body("use GET").build();
        }
        int count;
        Duration delay;
        try {
            count = parseCount(request.queryParameter("count"));
            delay = parseDelay(request.queryParameter("delay"));
        } catch (IllegalArgumentException e) {
            return HttpResponse.status(400, e.getMessage() + "\n");
        }
        if (delay.multipliedBy(count).compareTo(maxDuration) > 0) {
            return HttpResponse.status(400, "count × delay must be at most " + maxDuration.toMillis() / 1000.0
                    + " s (notify.home.max-duration) but was " + count + " × " + delay.toMillis() / 1000.0 + " s\n");
        }
        for (int i = 1; i <= count; i++) {
            group.send(Payloads.count(i));
            if (i < count && !delay.isZero()) {
                // the pause between payloads is the feature itself, as time.sleep in the original
                Thread.sleep(delay.toMillis());
            }
        }
        return HttpResponse.text("sent " + count + " payloads to " + NotificationGroup.NAME + "\n");
    }

    private static int parseCount(Optional<String> text) {
        if (text.isEmpty() || text.get().isBlank()) {
            return DEFAULT_COUNT;
        }
        try {
            int count = Integer.parseInt(text.get().strip());
            if (count >= 0 && count <= MAX_COUNT) {
                return count;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException("count must be a whole number from 0 to " + MAX_COUNT + " but was '" + text.get() + "'");
    }

    private static Duration parseDelay(Optional<String> text) {
        if (text.isEmpty() || text.get().isBlank()) {
            return DEFAULT_DELAY;
        }
        try {
            BigDecimal seconds = new BigDecimal(text.get().strip());
            if (seconds.signum() >= 0 && seconds.compareTo(BigDecimal.valueOf(MAX_DELAY.toSeconds())) <= 0) {
                return Duration.ofMillis(seconds.movePointRight(3).longValue());
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException("delay must be a number of seconds from 0 to " + MAX_DELAY.toSeconds()
                + " (such as 2 or 0.5) but was '" + text.get() + "'");
    }
}
