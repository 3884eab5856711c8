package dev.notify.consumer;

import dev.notify.auth.Session;
import dev.notify.auth.User;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What is known about a connection when it opens: Channels' {@code scope}. The transport builds it
 * from the HTTP request (or the WebSocket upgrade request); routing adds the captured route
 * parameters; middleware adds attributes such as the session and the user.
 *
 * <p>Everything is immutable except the attributes, a thread-safe map shared by every copy of the
 * scope, where middleware stores what it learns: typed through a {@link Key} ({@link #get},
 * {@link #set}), or by name through {@link #attributes()}.
 *
 * @since 0.1
 */
public final class Scope {
    /** Where authentication middleware puts the user; read it with {@link #user()}. */
    public static final Key<User> USER = Key.of("notify.user", User.class);
    /** Where session middleware puts the session; read it with {@link #session()}. */
    public static final Key<Session> SESSION = Key.of("notify.session", Session.class);

    /** The kind of connection. */
    public enum Type {
        /** A plain HTTP request. */
        HTTP,
        /** A WebSocket connection. */
        WEBSOCKET
    }

    private final Type type;
    private final String scheme;
    private final String rootPath;
    private final String path;
    private final String queryString;
    private final Map<String, List<String>> queryParameters;
    // name, value, name, value, ...: compact, since every connection keeps its scope; the map view
    // is built on first use of headers()
    private final String[] headerPairs;
    private volatile Map<String, List<String>> headers;
    private final Map<String, String> cookies;
    private final InetSocketAddress clientAddress;
    private final List<String> subprotocols;
    // the converted values: String, Long, UUID, as the route's converters made them
    private final Map<String, Object> routeParameters;
    private final Map<String, Object> attributes;

    private Scope(Builder b, Map<String, Object> attributes) {
        this.type = b.type;
        this.scheme = b.scheme != null ? b.scheme : (b.type == Type.HTTP ? "http" : "ws");
        this.rootPath = b.rootPath;
        this.path = b.path;
        this.queryString = b.queryString;
        this.queryParameters = copy(b.queryParameters);
        this.headerPairs = b.headerPairs.toArray(String[]::new);
        this.cookies = copy(b.cookies);
        this.clientAddress = b.clientAddress;
        this.subprotocols = List.copyOf(b.subprotocols);
        this.routeParameters = copy(b.routeParameters);
        this.attributes = attributes;
    }

    /**
     * @param type the kind of connection
     * @param path the decoded request path, such as {@code /ws/chat/lobby/}
     * @return a builder
     */
    public static Builder builder(Type type, String path) {
        return new Builder(type, path);
    }

    /** @return the kind of connection */
    public Type type() {
        return type;
    }

    /**
     * The scheme the client used: {@code http} or {@code https} for HTTP, {@code ws} or
     * {@code wss} for WebSocket. Behind a trusted proxy, the one the client used to reach the proxy.
     *
     * @return the scheme
     */
    public String scheme() {
        return scheme;
    }

    /** @return whether the client used TLS: the scheme is {@code https} or {@code wss} */
    public boolean secure() {
        return scheme.equals("https") || scheme.equals("wss");
    }

    /**
     * The path prefix the application is mounted at behind a proxy, as ASGI's {@code root_path}
     * (WSGI's {@code SCRIPT_NAME}): links the application builds start with it. It is not part of
     * {@link #path()}.
     *
     * @return the prefix, such as {@code /chat}, or {@code ""}
     */
    public String rootPath() {
        return rootPath;
    }

    /** @return the decoded request path, without the query string */
    public String path() {
        return path;
    }

    /** @return the raw query string without {@code ?}, possibly empty */
    public String queryString() {
        return queryString;
    }

    /** @return the decoded query parameters, in request order */
    public Map<String, List<String>> queryParameters() {
        return queryParameters;
    }

    /**
     * @param name a query parameter name
     * @return its first value, if present
     */
    public Optional<String> queryParameter(String name) {
        List<String> values = queryParameters.get(name);
        return values == null || values.isEmpty() ? Optional.empty() : Optional.of(values.get(0));
    }

    /** @return the request headers; names are case-insensitive */
    public Map<String, List<String>> headers() {
        Map<String, List<String>> view = headers;
        if (view == null) {
            TreeMap<String, List<String>> map = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
            for (int i = 0; i < headerPairs.length; i += 2) {
                map.computeIfAbsent(headerPairs[i], k -> new ArrayList<>()).add(headerPairs[i + 1]);
            }
            map.replaceAll((k, v) -> List.copyOf(v));
            view = Collections.unmodifiableMap(map);
            headers = view;
        }
        return view;
    }

    /**
     * @param name a header name, any case
     * @return its first value, if present
     */
    public Optional<String> header(String name) {
        for (int i = 0; i < headerPairs.length; i += 2) {
            if (headerPairs[i].equalsIgnoreCase(name)) {
                return Optional.of(headerPairs[i + 1]);
            }
        }
        return Optional.empty();
    }

    /** @return the cookies of the {@code Cookie} header */
    public Map<String, String> cookies() {
        return cookies;
    }

    /**
     * @return the client's address, if the transport knows it; behind a trusted proxy, the address
     *     the proxy reported
     */
    public Optional<InetSocketAddress> clientAddress() {
        return Optional.ofNullable(clientAddress);
    }

    /** @return the WebSocket subprotocols the client offered, in its order */
    public List<String> subprotocols() {
        return subprotocols;
    }

    /** @return the parameters captured by the route template, such as {@code room}, as text */
    public Map<String, String> routeParameters() {
        if (routeParameters.isEmpty()) {
            return Map.of();
        }
        Map<String, String> text = new LinkedHashMap<>();
        routeParameters.forEach((name, value) -> text.put(name, value.toString()));
        return Collections.unmodifiableMap(text);
    }

    /**
     * @param name a route parameter name
     * @return its value as text
     * @throws IllegalArgumentException if the route captured no such parameter
     */
    public String routeParameter(String name) {
        return routeValue(name).toString();
    }

    /**
     * The value a route's converter made: {@code Long} for {@code {id:int}}, {@code UUID} for
     * {@code {key:uuid}}, {@code String} for the others.
     *
     * <pre>{@code
     * long id = scope.routeParameter("id", Long.class);
     * }</pre>
     *
     * @param name a route parameter name
     * @param type the value's type
     * @param <T> that type
     * @return its value
     * @throws IllegalArgumentException if the route captured no such parameter, or one of another type
     */
    public <T> T routeParameter(String name, Class<T> type) {
        Object value = routeValue(name);
        if (!type.isInstance(value)) {
            throw new IllegalArgumentException("route parameter '" + name + "' is a " + value.getClass().getSimpleName()
                    + ", not a " + type.getSimpleName());
        }
        return type.cast(value);
    }

    private Object routeValue(String name) {
        Object value = routeParameters.get(name);
        if (value == null) {
            throw new IllegalArgumentException("no route parameter '" + name + "' (captured: " + routeParameters.keySet() + ")");
        }
        return value;
    }

    /** @return the mutable, thread-safe attribute map that middleware fills; shared by copies */
    public Map<String, Object> attributes() {
        return attributes;
    }

    /**
     * @param key the attribute's key
     * @param <T> the attribute's type
     * @return its value, if set (and of the key's type)
     */
    public <T> Optional<T> get(Key<T> key) {
        Object value = attributes.get(key.name());
        return key.type().isInstance(value) ? Optional.of(key.type().cast(value)) : Optional.empty();
    }

    /**
     * @param key the attribute's key
     * @param value its value, or {@code null} to remove it
     * @param <T> the attribute's type
     */
    public <T> void set(Key<T> key, T value) {
        if (value == null) {
            attributes.remove(key.name());
        } else {
            attributes.put(key.name(), key.type().cast(value));
        }
    }

    /** @return the user that authentication middleware found, if any; empty for an anonymous client */
    public Optional<User> user() {
        return get(USER);
    }

    /**
     * @param type the application's user type
     * @param <U> that type
     * @return the user, if there is one of that type
     */
    public <U extends User> Optional<U> user(Class<U> type) {
        return user().filter(type::isInstance).map(type::cast);
    }

    /** @return the session that session middleware attached, if any */
    public Optional<Session> session() {
        return get(SESSION);
    }

    /**
     * @param parameters the captured route parameters: strings, or the values converters made
     * @return a copy of this scope with those parameters, sharing the attributes
     */
    public Scope withRouteParameters(Map<String, ?> parameters) {
        return new Scope(this, copy(parameters));
    }

    /** An unmodifiable copy in the same order; the shared empty map when empty (no per-scope object). */
    private static <V> Map<String, V> copy(Map<String, ? extends V> map) {
        return map.isEmpty() ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(map));
    }

    /** A copy with other route parameters; the immutable maps are shared, not copied. */
    private Scope(Scope other, Map<String, Object> routeParameters) {
        this.type = other.type;
        this.scheme = other.scheme;
        this.rootPath = other.rootPath;
        this.path = other.path;
        this.queryString = other.queryString;
        this.queryParameters = other.queryParameters;
        this.headerPairs = other.headerPairs;
        this.headers = other.headers;
        this.cookies = other.cookies;
        this.clientAddress = other.clientAddress;
        this.subprotocols = other.subprotocols;
        this.routeParameters = routeParameters;
        this.attributes = other.attributes;
    }

    /**
     * For middleware that hands on a changed description of the same connection (a scheme a
     * trusted proxy reported, fewer subprotocols): the scope it builds shares this scope's
     * attributes, so that what earlier middleware learned (the session, the user) stays.
     *
     * @return a builder holding this scope's values and attributes
     */
    public Builder toBuilder() {
        Builder b = new Builder(type, path);
        b.attributes = attributes;
        b.scheme = scheme;
        b.rootPath = rootPath;
        b.queryString = queryString;
        b.queryParameters.putAll(queryParameters);
        b.headerPairs.addAll(List.of(headerPairs));
        b.cookies.putAll(cookies);
        b.clientAddress = clientAddress;
        b.subprotocols = subprotocols;
        b.routeParameters.putAll(routeParameters);
        return b;
    }

    /**
     * The typed key of a scope attribute.
     *
     * @param name the attribute's name in {@link #attributes()}
     * @param type the attribute's type
     * @param <T> that type
     * @since 0.1
     */
    public record Key<T>(String name, Class<T> type) {
        /**
         * Checks the fields.
         *
         * @param name the attribute's name in {@link #attributes()}
         * @param type the attribute's type
         */
        public Key {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(type, "type");
        }

        /**
         * @param name the attribute's name
         * @param type the attribute's type
         * @param <T> that type
         * @return the key
         */
        public static <T> Key<T> of(String name, Class<T> type) {
            return new Key<>(name, type);
        }
    }

    @Override
    public String toString() {
        return "Scope{" + type + " " + path + (queryString.isEmpty() ? "" : "?" + queryString) + "}";
    }

    /**
     * Builds a {@link Scope}. Transports and the test kit use it.
     *
     * @since 0.1
     */
    public static final class Builder {
        private final Type type;
        private final String path;
        private String scheme;
        private String rootPath = "";
        private String queryString = "";
        private final Map<String, List<String>> queryParameters = new LinkedHashMap<>();
        private final List<String> headerPairs = new ArrayList<>();
        private final Map<String, String> cookies = new LinkedHashMap<>();
        private InetSocketAddress clientAddress;
        private List<String> subprotocols = List.of();
        private Map<String, Object> routeParameters = new LinkedHashMap<>();
        private Map<String, Object> attributes;

        private Builder(Type type, String path) {
            this.type = Objects.requireNonNull(type, "type");
            this.path = Objects.requireNonNull(path, "path");
        }

        /**
         * @param value {@code http} or {@code https} for an HTTP scope, {@code ws} or {@code wss}
         *     for a WebSocket scope; default {@code http} or {@code ws}
         * @return this builder
         * @throws IllegalArgumentException if the scheme does not fit the scope's type
         */
        public Builder scheme(String value) {
            boolean fits = type == Type.HTTP ? value.equals("http") || value.equals("https") : value.equals("ws") || value.equals("wss");
            if (!fits) {
                throw new IllegalArgumentException("the scheme of a " + type + " scope is "
                        + (type == Type.HTTP ? "http or https" : "ws or wss") + " but was '" + value + "'");
            }
            this.scheme = value;
            return this;
        }

        /**
         * @param prefix the path prefix the application is mounted at, such as {@code /chat}, or {@code ""}
         * @return this builder
         * @throws IllegalArgumentException if not empty and not starting with {@code /}, or ending with {@code /}
         */
        public Builder rootPath(String prefix) {
            if (!prefix.isEmpty() && (!prefix.startsWith("/") || prefix.endsWith("/"))) {
                throw new IllegalArgumentException("a root path is empty or starts with / and does not end with / but was '" + prefix + "'");
            }
            this.rootPath = prefix;
            return this;
        }

        /**
         * @param raw the raw query string without {@code ?}
         * @param decoded the decoded parameters
         * @return this builder
         */
        public Builder query(String raw, Map<String, List<String>> decoded) {
            this.queryString = Objects.requireNonNull(raw, "raw");
            this.queryParameters.clear();
            decoded.forEach((k, v) -> queryParameters.put(k, List.copyOf(v)));
            return this;
        }

        /**
         * @param name a header name
         * @param value a value, appended to earlier values of that name
         * @return this builder
         */
        public Builder header(String name, String value) {
            headerPairs.add(Objects.requireNonNull(name, "name"));
            headerPairs.add(Objects.requireNonNull(value, "value"));
            return this;
        }

        /**
         * @param name a header name, any case
         * @return this builder, without any value of that header
         */
        public Builder removeHeader(String name) {
            for (int i = headerPairs.size() - 2; i >= 0; i -= 2) {
                if (headerPairs.get(i).equalsIgnoreCase(name)) {
                    headerPairs.remove(i + 1);
                    headerPairs.remove(i);
                }
            }
            return this;
        }

        /**
         * @param name a cookie name
         * @param value its value
         * @return this builder
         */
        public Builder cookie(String name, String value) {
            cookies.put(name, value);
            return this;
        }

        /**
         * @param address the client's address, or {@code null} if unknown
         * @return this builder
         */
        public Builder clientAddress(InetSocketAddress address) {
            this.clientAddress = address;
            return this;
        }

        /**
         * @param offered the subprotocols the client offered
         * @return this builder
         */
        public Builder subprotocols(List<String> offered) {
            this.subprotocols = List.copyOf(offered);
            return this;
        }

        /** @return the scope, with a new empty attribute map unless made by {@link Scope#toBuilder()} */
        public Scope build() {
            return new Scope(this, attributes != null ? attributes : new ConcurrentHashMap<>());
        }
    }
}
