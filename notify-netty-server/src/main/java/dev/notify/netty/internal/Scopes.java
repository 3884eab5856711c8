package dev.notify.netty.internal;

import dev.notify.consumer.Scope;
import dev.notify.http.HttpRequest;
import io.netty.channel.Channel;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.QueryStringDecoder;
import io.netty.handler.codec.http.cookie.Cookie;
import io.netty.handler.codec.http.cookie.ServerCookieDecoder;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Builds a {@link Scope} from an HTTP request or a WebSocket upgrade request: the scheme from the
 * connection (TLS or not), the server's root path, and what a trusted proxy's headers say.
 */
final class Scopes {
    private Scopes() {
    }

    /**
     * @throws IllegalArgumentException if the target or the query cannot be decoded (a 400)
     */
    static Scope of(Scope.Type type, io.netty.handler.codec.http.HttpRequest request, Channel channel, ServerContext server) {
        QueryStringDecoder target = new QueryStringDecoder(originForm(request.uri()), StandardCharsets.UTF_8);
        String rawQuery = target.rawQuery();
        boolean tls = server.sslContext() != null;
        InetSocketAddress peer = channel.remoteAddress() instanceof InetSocketAddress address ? address : null;
        Scope.Builder scope = Scope.builder(type, target.path())
                .scheme(type == Scope.Type.HTTP ? (tls ? "https" : "http") : (tls ? "wss" : "ws"))
                .rootPath(server.options().rootPath())
                .query(rawQuery, HttpRequest.parseUrlEncoded(rawQuery))
                .clientAddress(peer);
        HttpHeaders headers = request.headers();
        for (Map.Entry<String, String> header : headers) {
            scope.header(header.getKey(), header.getValue());
        }
        for (String cookieHeader : headers.getAll(HttpHeaderNames.COOKIE)) {
            for (Cookie cookie : ServerCookieDecoder.LAX.decode(cookieHeader)) {
                scope.cookie(cookie.name(), cookie.value());
            }
        }
        if (type == Scope.Type.WEBSOCKET) {
            scope.subprotocols(subprotocols(headers));
        }
        server.trustedProxies().apply(scope, type, headers, peer);
        return scope.build();
    }

    /** The subprotocols a client offered in {@code Sec-WebSocket-Protocol}, in its order. */
    static List<String> subprotocols(HttpHeaders headers) {
        List<String> offered = new ArrayList<>();
        for (String value : headers.getAll(HttpHeaderNames.SEC_WEBSOCKET_PROTOCOL)) {
            for (String protocol : value.split(",")) {
                String p = protocol.trim();
                if (!p.isEmpty()) {
                    offered.add(p);
                }
            }
        }
        return offered;
    }

    /** Turns an absolute-form target ({@code http://host/a?b}) into origin form ({@code /a?b}). */
    private static String originForm(String uri) {
        if (uri.startsWith("/")) {
            return uri;
        }
        URI parsed = URI.create(uri);
        String path = parsed.getRawPath() == null || parsed.getRawPath().isEmpty() ? "/" : parsed.getRawPath();
        return parsed.getRawQuery() == null ? path : path + "?" + parsed.getRawQuery();
    }
}
