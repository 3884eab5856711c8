package dev.notify.examples.notifications;

import com.fasterxml.jackson.core.io.JsonStringEncoder;

/**
 * The JSON texts the app sends to browsers, written as Python's {@code json.dumps} writes them in
 * the original app ({@code {"count": 1}}), so clients of the original keep working.
 */
public final class Payloads {
    /** The echo reply to every text a client sends. */
    public static final String DATA_RECEIVED = "{\"status\": \"Data received!\"}";

    private Payloads() {
    }

    /**
     * @param count a counter value
     * @return {@code {"count": <count>}}: a /home burst payload
     */
    public static String count(long count) {
        return "{\"count\": " + count + "}";
    }

    /**
     * @param unseen the number of unseen notifications
     * @param text the notification just saved, or {@code null} when none was (after a delete)
     * @return {@code {"count": <unseen>, "current_notification": "<text>"}}
     */
    public static String notification(long unseen, String text) {
        return "{\"count\": " + unseen + ", \"current_notification\": " + string(text) + "}";
    }

    /**
     * @param unseen the number of unseen notifications
     * @param latest the text of the newest unseen notification, or {@code null} when none is unseen
     * @return {@code {"digest": {"unseen": <unseen>, "latest": "<latest>"}}}
     */
    public static String digest(long unseen, String latest) {
        return "{\"digest\": {\"unseen\": " + unseen + ", \"latest\": " + string(latest) + "}}";
    }

    private static String string(String text) {
        return text == null ? "null" : "\"" + new String(JsonStringEncoder.getInstance().quoteAsString(text)) + "\"";
    }
}
