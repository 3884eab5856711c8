package dev.notify.consumer;

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
 * parameters; middleware adds attributes such as the user.
 *
 * <p>Everything is immutable except {@link #attributes()}, a thread-safe map shared by every copy of
 * the scope, where middleware stores what it learns.
 *
 * @since 0.1
 */
public final class Scope {
    /** The attribute where authentication middleware puts the user. */
    public static final String USER = "user";

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
    private final Map<String, String> routeParameters;
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

    /** @return the parameters captured by the route template, such as {@code room} */
    public Map<String, String> routeParameters() {
        return routeParameters;
    }

    /**
     * @param name a route parameter name
     * @return its value
     * @throws IllegalArgumentException if the route captured no such parameter
     */
    public String routeParameter(String name) {
        String value = routeParameters.get(name);
        if (value == null) {
            throw new IllegalArgumentException("no route parameter '" + name + "' (captured: " + routeParameters.keySet() + ")");
        }
        return value;
    }

    /** @return the mutable, thread-safe attribute map that middleware fills; shared by copies */
    public Map<String, Object> attributes() {
        return attributes;
    }

    /** @return the user set by authentication middleware under {@link #USER}, if any */
    public Optional<Object> user() {
        return Optional.ofNullable(attributes.get(USER));
    }

    /**
     * @param parameters the captured route parameters
     * @return a copy of this scope with those parameters, sharing the attributes
     */
    public Scope withRouteParameters(Map<String, String> parameters) {
        return new Scope(this, copy(parameters));
    }

    /** An unmodifiable copy in the same order; the shared empty map when empty (no per-scope object). */
    private static <V> Map<String, V> copy(Map<String, V> map) {
        return map.isEmpty() ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(map));
    }

    /** A copy with other route parameters; the immutable maps are shared, not copied. */
    private Scope(Scope other, Map<String, String> routeParameters) {
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

    /** @return a builder holding this scope's values (the new scope gets its own attributes) */
    public Builder toBuilder() {
        Builder b = new Builder(type, path);
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
        private Map<String, String> routeParameters = new LinkedHashMap<>();

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

        /** @return the scope, with a new empty attribute map */
        public Scope build() {
            return new Scope(this, new ConcurrentHashMap<>());
        }
    }
}
