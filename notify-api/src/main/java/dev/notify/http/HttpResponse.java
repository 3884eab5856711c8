package dev.notify.http;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * An immutable HTTP response: status, headers and a body held in memory.
 *
 * <pre>{@code
 * return HttpResponse.ok("text/html; charset=utf-8", html);
 * return HttpResponse.redirect("/admin/login/");
 * return HttpResponse.builder(201).header("Location", "/items/7").build();
 * }</pre>
 *
 * <p>A WebSocket handshake that a consumer accepted is answered {@value #SWITCHING_PROTOCOLS}
 * (Switching Protocols); middleware sees it as such a response and may add headers to it.
 *
 * @since 0.1
 */
public final class HttpResponse {
    /** The status of an accepted WebSocket handshake. */
    public static final int SWITCHING_PROTOCOLS = 101;

    private final int status;
    private final Map<String, List<String>> headers;
    private final byte[] body;

    private HttpResponse(Builder b) {
        this.status = b.status;
        Map<String, List<String>> copy = new LinkedHashMap<>();
        b.headers.forEach((k, v) -> copy.put(k, List.copyOf(v)));
        this.headers = Collections.unmodifiableMap(copy);
        this.body = b.body;
    }

    /**
     * @param status the status code, 100 to 599
     * @return a builder with an empty body
     * @throws IllegalArgumentException if the status is out of range
     */
    public static Builder builder(int status) {
        return new Builder(status);
    }

    /**
     * @param contentType the content type, such as {@code text/plain; charset=utf-8}
     * @param body the body text, sent as UTF-8
     * @return a 200 response
     */
    public static HttpResponse ok(String contentType, String body) {
        return builder(200).header("Content-Type", contentType).body(body).build();
    }

    /**
     * @param body the body text
     * @return a 200 {@code text/plain} response
     */
    public static HttpResponse text(String body) {
        return ok("text/plain; charset=utf-8", body);
    }

    /**
     * @param body the body HTML
     * @return a 200 {@code text/html} response
     */
    public static HttpResponse html(String body) {
        return ok("text/html; charset=utf-8", body);
    }

    /**
     * @param json the JSON text
     * @return a 200 {@code application/json} response
     */
    public static HttpResponse json(String json) {
        return ok("application/json", json);
    }

    /**
     * @param location where to go
     * @return a 302 redirect (a GET follows it, as after a form post)
     */
    public static HttpResponse redirect(String location) {
        return builder(302).header("Location", location).build();
    }

    /**
     * @param status the status code
     * @param message a plain-text explanation
     * @return a plain-text response with that status
     */
    public static HttpResponse status(int status, String message) {
        return builder(status).header("Content-Type", "text/plain; charset=utf-8").body(message).build();
    }

    /** @return the status code */
    public int status() {
        return status;
    }

    /** @return the headers, in the order they were set; names as they were given */
    public Map<String, List<String>> headers() {
        return headers;
    }

    /**
     * @param name a header name, any case
     * @return its first value, if set
     */
    public Optional<String> header(String name) {
        for (Map.Entry<String, List<String>> header : headers.entrySet()) {
            if (header.getKey().equalsIgnoreCase(name) && !header.getValue().isEmpty()) {
                return Optional.of(header.getValue().get(0));
            }
        }
        return Optional.empty();
    }

    /**
     * For middleware that adds to a response, such as a {@code Set-Cookie} or a security header.
     *
     * @return a builder holding this response's status, headers and body
     */
    public Builder toBuilder() {
        Builder b = new Builder(status);
        headers.forEach((name, values) -> b.headers.put(name, new ArrayList<>(values)));
        b.body = body;
        return b;
    }

    /** @return the body bytes; must not be modified */
    public byte[] body() {
        return body;
    }

    /** @return the body decoded as UTF-8 */
    public String bodyText() {
        return new String(body, StandardCharsets.UTF_8);
    }

    @Override
    public String toString() {
        return "HttpResponse{" + status + ", " + body.length + " bytes}";
    }

    /**
     * Builds an {@link HttpResponse}.
     *
     * @since 0.1
     */
    public static final class Builder {
        private final int status;
        private final Map<String, List<String>> headers = new LinkedHashMap<>();
        private byte[] body = new byte[0];

        private Builder(int status) {
            if (status < 100 || status > 599) {
                throw new IllegalArgumentException("status must be in 100..599 but was " + status);
            }
            this.status = status;
        }

        /**
         * Adds a header value (several {@code Set-Cookie} headers are fine).
         *
         * @param name the header name
         * @param value the value
         * @return this builder
         */
        public Builder header(String name, String value) {
            Objects.requireNonNull(value, "value");
            headers.computeIfAbsent(Objects.requireNonNull(name, "name"), k -> new ArrayList<>()).add(value);
            return this;
        }

        /**
         * @param text the body, sent as UTF-8
         * @return this builder
         */
        public Builder body(String text) {
            this.body = text.getBytes(StandardCharsets.UTF_8);
            return this;
        }

        /**
         * @param bytes the body (not copied; must not be modified)
         * @return this builder
         */
        public Builder body(byte[] bytes) {
            this.body = Objects.requireNonNull(bytes, "bytes");
            return this;
        }

        /** @return the response */
        public HttpResponse build() {
            return new HttpResponse(this);
        }
    }
}
