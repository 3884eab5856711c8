package dev.notify.http;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * One Server-Sent Event in the {@code text/event-stream} format of the HTML standard: optional
 * {@code event:}, {@code id:} and {@code retry:} fields and the data, one {@code data:} line per
 * line of text (CR LF, CR and LF all end a line, so multi-line data reaches the browser's
 * {@code EventSource} intact), ended by a blank line. A comment ({@code : text}) is ignored by
 * browsers and keeps proxies from closing an idle stream.
 *
 * <pre>{@code
 * String frame = ServerSentEvent.builder().id("42").event("notification").data("{\"count\": 1}").build().frame();
 * // "event: notification\nid: 42\ndata: {\"count\": 1}\n\n"
 * }</pre>
 *
 * @since 0.3
 */
public final class ServerSentEvent {
    /** The request header a reconnecting {@code EventSource} sends with the last id it saw. */
    public static final String LAST_EVENT_ID = "Last-Event-ID";
    /** The response content type of an event stream. */
    public static final String CONTENT_TYPE = "text/event-stream; charset=utf-8";

    private final String event;
    private final String id;
    private final Duration retry;
    private final String data;
    private final String comment;

    private ServerSentEvent(Builder b) {
        this.event = b.event;
        this.id = b.id;
        this.retry = b.retry;
        this.data = b.data;
        this.comment = b.comment;
    }

    /**
     * @param data the data, which may span several lines
     * @return an event with only data
     */
    public static ServerSentEvent data(String data) {
        return builder().data(data).build();
    }

    /**
     * A comment, such as a heartbeat.
     *
     * @param text the comment, which may span several lines
     * @return the comment
     */
    public static ServerSentEvent comment(String text) {
        return builder().comment(text).build();
    }

    /** @return a builder of an event */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * @param request a request from an {@code EventSource}
     * @return the id of the last event it saw, sent when it reconnects
     */
    public static Optional<String> lastEventId(HttpRequest request) {
        return request.header(LAST_EVENT_ID);
    }

    /** @return the event type, if set */
    public Optional<String> event() {
        return Optional.ofNullable(event);
    }

    /** @return the id, if set */
    public Optional<String> id() {
        return Optional.ofNullable(id);
    }

    /** @return the reconnection time, if set */
    public Optional<Duration> retry() {
        return Optional.ofNullable(retry);
    }

    /** @return the data, if set */
    public Optional<String> data() {
        return Optional.ofNullable(data);
    }

    /** @return the event as it goes on the wire, ending with a blank line */
    public String frame() {
        StringBuilder out = new StringBuilder(32 + (data == null ? 0 : data.length()));
        if (comment != null) {
            lines(out, ":", comment);
        }
        if (event != null) {
            out.append("event: ").append(event).append('\n');
        }
        if (id != null) {
            out.append("id: ").append(id).append('\n');
        }
        if (retry != null) {
            out.append("retry: ").append(retry.toMillis()).append('\n');
        }
        if (data != null) {
            lines(out, "data:", data);
        }
        return out.append('\n').toString();
    }

    private static void lines(StringBuilder out, String field, String text) {
        int start = 0;
        int length = text.length();
        while (true) {
            int end = start;
            while (end < length && text.charAt(end) != '\n' && text.charAt(end) != '\r') {
                end++;
            }
            out.append(field);
            if (end > start) {
                out.append(' ').append(text, start, end);
            }
            out.append('\n');
            if (end == length) {
                return;
            }
            start = end + (text.charAt(end) == '\r' && end + 1 < length && text.charAt(end + 1) == '\n' ? 2 : 1);
        }
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof ServerSentEvent e && frame().equals(e.frame());
    }

    @Override
    public int hashCode() {
        return frame().hashCode();
    }

    @Override
    public String toString() {
        return "ServerSentEvent" + frame().replace("\n", "\\n");
    }

    /**
     * Builds a {@link ServerSentEvent}.
     *
     * @since 0.3
     */
    public static final class Builder {
        private String event;
        private String id;
        private Duration retry;
        private String data;
        private String comment;

        private Builder() {
        }

        /**
         * @param type the event type the browser dispatches ({@code message} when absent)
         * @return this builder
         * @throws IllegalArgumentException if it is empty or has a line break
         */
        public Builder event(String type) {
            this.event = oneLine("event type", type);
            return this;
        }

        /**
         * @param id the id the browser sends back as {@value ServerSentEvent#LAST_EVENT_ID} when it reconnects
         * @return this builder
         * @throws IllegalArgumentException if it has a line break or a NUL, which browsers ignore
         */
        public Builder id(String id) {
            oneLine("id", id);
            if (id.indexOf('\0') >= 0) {
                throw new IllegalArgumentException("an event id must not contain NUL, which browsers ignore");
            }
            this.id = id;
            return this;
        }

        /**
         * @param retry how long the browser waits before it reconnects
         * @return this builder
         * @throws IllegalArgumentException if it is negative
         */
        public Builder retry(Duration retry) {
            if (Objects.requireNonNull(retry, "retry").isNegative()) {
                throw new IllegalArgumentException("retry must not be negative but was " + retry);
            }
            this.retry = retry;
            return this;
        }

        /**
         * @param data the data; each of its lines becomes a {@code data:} line
         * @return this builder
         */
        public Builder data(String data) {
            this.data = Objects.requireNonNull(data, "data");
            return this;
        }

        /**
         * @param text a comment; each of its lines becomes a {@code :} line
         * @return this builder
         */
        public Builder comment(String text) {
            this.comment = Objects.requireNonNull(text, "text");
            return this;
        }

        /**
         * @return the event
         * @throws IllegalStateException if nothing was set
         */
        public ServerSentEvent build() {
            if (event == null && id == null && retry == null && data == null && comment == null) {
                throw new IllegalStateException("an event needs data, an id, an event type, a retry or a comment");
            }
            return new ServerSentEvent(this);
        }

        private static String oneLine(String what, String value) {
            Objects.requireNonNull(value, what);
            if (value.indexOf('\n') >= 0 || value.indexOf('\r') >= 0) {
                throw new IllegalArgumentException("an event's " + what + " must be one line but was '"
                        + value.replace("\r", "\\r").replace("\n", "\\n") + "'");
            }
            if (what.equals("event type") && value.isEmpty()) {
                throw new IllegalArgumentException("an event type must not be empty");
            }
            return value;
        }
    }
}
