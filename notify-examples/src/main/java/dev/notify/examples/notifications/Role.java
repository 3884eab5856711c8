package dev.notify.examples.notifications;

import java.util.Locale;

/** What one process of the app serves. */
public enum Role {
    /** HTTP, the admin and the WebSockets: the default, one process does it all. */
    ALL,
    /** HTTP and the admin only; the WebSockets are served by a {@link #WS} process on the same Redis. */
    HTTP,
    /** The WebSockets only (and {@code /healthz}). */
    WS;

    /** @return whether this process serves the pages, the admin and {@code /home} */
    public boolean servesHttp() {
        return this != WS;
    }

    /** @return whether this process serves {@code /ws/test/} */
    public boolean servesWebSockets() {
        return this != HTTP;
    }

    /** @return the configuration spelling, such as {@code http} */
    public String configName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
