package dev.notify.http;

import dev.notify.consumer.Scope;
import dev.notify.json.JsonCodec;
import dev.notify.layer.ChannelLayer;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * An HTTP request with its whole body. Path, query, headers, cookies, client address, route
 * parameters and middleware attributes are in its {@link #scope()}; the server's channel layer and
 * JSON codec are at hand for the handler:
 *
 * <pre>{@code
 * Router.builder().post("/api/announcements", request -> {
 *     Announcement announcement = request.json().decode(request.bodyText(), Announcement.class);
 *     request.layer().blocking(Duration.ofSeconds(5))
 *             .groupSend("everyone", request.json().toMessage("announcement", announcement));
 *     return HttpResponse.json(request.json().encode(announcement));
 * });
 * }</pre>
 *
 * @since 0.1
 */
public final class HttpRequest {
    private final String method;
    private final Scope scope;
    private final byte[] body;
    private final ChannelLayer layer;
    private final JsonCodec json;
    private volatile Map<String, List<String>> form;

    /**
     * A request as a transport reads it, before routing: without the server's layer and codec.
     *
     * @param method the method, such as {@code GET}
     * @param scope the request's scope
     * @param body the body bytes (not copied; must not be modified)
     */
    public HttpRequest(String method, Scope scope, byte[] body) {
        this(method, scope, body, null, null);
    }

    /**
     * A request as the runtime hands it to a handler: with the server's layer and codec.
     *
     * @param method the method, such as {@code GET}
     * @param scope the request's scope
     * @param body the body bytes (not copied; must not be modified)
     * @param layer the server's channel layer, or {@code null} if there is none
     * @param json the server's JSON codec, or {@code null} if there is none
     */
    public HttpRequest(String method, Scope scope, byte[] body, ChannelLayer layer, JsonCodec json) {
        this.method = Objects.requireNonNull(method, "method").toUpperCase(Locale.ROOT);
        this.scope = Objects.requireNonNull(scope, "scope");
        this.body = Objects.requireNonNull(body, "body");
        this.layer = layer;
        this.json = json;
    }

    /** @return the upper-case method */
    public String method() {
        return method;
    }

    /** @return the decoded path */
    public String path() {
        return scope.path();
    }

    /** @return the scope: headers, cookies, query, route parameters, attributes */
    public Scope scope() {
        return scope;
    }

    /**
     * For middleware that hands a changed scope on, such as one that trusts a proxy's
     * {@code X-Forwarded-Proto}.
     *
     * @param other the scope the new request carries
     * @return this request (same method and body) with another scope
     */
    public HttpRequest withScope(Scope other) {
        return new HttpRequest(method, other, body, layer, json);
    }

    /**
     * @param name a query parameter
     * @return its first value, if present
     */
    public Optional<String> queryParameter(String name) {
        return scope.queryParameter(name);
    }

    /**
     * @param name a header name, any case
     * @return its first value, if present
     */
    public Optional<String> header(String name) {
        return scope.header(name);
    }

    /**
     * @param name a cookie name
     * @return its value, if present
     */
    public Optional<String> cookie(String name) {
        return Optional.ofNullable(scope.cookies().get(name));
    }

    /**
     * @param name a route parameter captured by the route template
     * @return its value
     * @throws IllegalArgumentException if the route captured no such parameter
     */
    public String routeParameter(String name) {
        return scope.routeParameter(name);
    }

    /**
     * The channel layer of the server that received the request, to send to consumers' channels
     * and groups.
     *
     * @return the layer
     * @throws IllegalStateException if the request was made without one (not by a server)
     */
    public ChannelLayer layer() {
        if (layer == null) {
            throw new IllegalStateException("this request has no channel layer: it was made with new HttpRequest(method, scope, body),"
                    + " not by a server; pass the layer to the five-argument constructor");
        }
        return layer;
    }

    /**
     * The JSON codec of the server that received the request: decode the body with
     * {@code json().decode(bodyText(), Type.class)}, answer with
     * {@code HttpResponse.json(json().encode(value))}.
     *
     * @return the codec
     * @throws IllegalStateException if the request was made without one (not by a server)
     */
    public JsonCodec json() {
        if (json == null) {
            throw new IllegalStateException("this request has no JSON codec: it was made with new HttpRequest(method, scope, body),"
                    + " not by a server; pass the codec to the five-argument constructor");
        }
        return json;
    }

    /** @return the body bytes; must not be modified */
    public byte[] body() {
        return body;
    }

    /** @return the body decoded as UTF-8 */
    public String bodyText() {
        return new String(body, StandardCharsets.UTF_8);
    }

    /**
     * The fields of an {@code application/x-www-form-urlencoded} body, decoded as UTF-8, in order.
     * Other bodies have no fields.
     *
     * @return the form fields
     * @throws MalformedRequestException if the body is not valid url-encoding (a {@code %} not
     *     followed by two hex digits); the runtime answers it with 400
     */
    public Map<String, List<String>> form() {
        Map<String, List<String>> fields = form;
        if (fields == null) {
            boolean urlEncoded = header("content-type")
                    .map(v -> v.toLowerCase(Locale.ROOT).startsWith("application/x-www-form-urlencoded"))
                    .orElse(false);
            try {
                fields = urlEncoded ? parseUrlEncoded(bodyText()) : Map.of();
            } catch (IllegalArgumentException e) {
                throw new MalformedRequestException("the form body is not valid url-encoding: " + e.getMessage(), e);
            }
            form = fields;
        }
        return fields;
    }

    /**
     * @param name a form field
     * @return its first value, if present
     * @throws MalformedRequestException if the body is not valid url-encoding, as {@link #form()}
     */
    public Optional<String> formField(String name) {
        List<String> values = form().get(name);
        return values == null || values.isEmpty() ? Optional.empty() : Optional.of(values.get(0));
    }

    /**
     * Decodes {@code a=1&b=2&a=3} (form bodies and query strings).
     *
     * @param encoded the encoded text
     * @return the decoded fields, in order, unmodifiable
     * @throws IllegalArgumentException if a {@code %} is not followed by two hex digits
     */
    public static Map<String, List<String>> parseUrlEncoded(String encoded) {
        Map<String, List<String>> fields = new LinkedHashMap<>();
        if (!encoded.isEmpty()) {
            for (String pair : encoded.split("&")) {
                if (pair.isEmpty()) {
                    continue;
                }
                int eq = pair.indexOf('=');
                String key = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
                String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
                fields.computeIfAbsent(key, k -> new ArrayList<>()).add(value);
            }
        }
        fields.replaceAll((k, v) -> List.copyOf(v));
        return Collections.unmodifiableMap(fields);
    }

    @Override
    public String toString() {
        return method + " " + scope.path();
    }
}
