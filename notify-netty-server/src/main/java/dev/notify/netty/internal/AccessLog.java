package dev.notify.netty.internal;

import dev.notify.LogText;
import dev.notify.consumer.Scope;
import dev.notify.netty.NotifyServerOptions;
import io.netty.channel.Channel;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes the access log, one line per HTTP request and per WebSocket session when it ends, to the
 * logger {@value NotifyServerOptions#ACCESS_LOGGER} at INFO when the server's options enable it:
 *
 * <pre>
 * http client=127.0.0.1:52114 method=GET path="/home" status=200 bytes=2 duration_ms=3 user=-
 * websocket client=127.0.0.1:52120 path="/ws/test/" user="admin" close=1001 duration_ms=5012 frames_in=3 frames_out=120
 * </pre>
 *
 * The path and the user are quoted and escaped ({@link LogText}: control characters and backslashes
 * escaped, {@code "} as {@code \"}, long values cut), so that a client cannot forge a line or a
 * field; the query string is left out, since it may carry a token.
 */
final class AccessLog {
    private static final Logger log = LoggerFactory.getLogger(NotifyServerOptions.ACCESS_LOGGER);

    private final boolean enabled;

    AccessLog(boolean enabled) {
        this.enabled = enabled;
    }

    /** @return whether lines are written: enabled in the options and INFO on for the logger */
    boolean enabled() {
        return enabled && log.isInfoEnabled();
    }

    /**
     * @param channel the connection
     * @param scope the request's scope, or {@code null} if it could not be built (a malformed request)
     * @param method the request method
     * @param path the decoded path, or the raw target without its query for a malformed request
     * @param status the response status
     * @param bytes the response body bytes sent
     * @param startNanos when the request was read, from {@link System#nanoTime()}
     */
    void http(Channel channel, Scope scope, String method, String path, int status, long bytes, long startNanos) {
        if (enabled()) {
            log.info("http client={} method={} path={} status={} bytes={} duration_ms={} user={}", client(channel, scope),
                    LogText.of(method, 16), quoted(path), status, bytes, millisSince(startNanos), user(scope));
        }
    }

    /**
     * @param channel the connection
     * @param scope the handshake's scope
     * @param closeCode the close status the consumer was told
     * @param startNanos when the handshake was accepted
     * @param framesIn messages from the client
     * @param framesOut messages to the client
     */
    void webSocket(Channel channel, Scope scope, int closeCode, long startNanos, long framesIn, long framesOut) {
        if (enabled()) {
            log.info("websocket client={} path={} user={} close={} duration_ms={} frames_in={} frames_out={}",
                    client(channel, scope), quoted(scope.path()), user(scope), closeCode, millisSince(startNanos), framesIn,
                    framesOut);
        }
    }

    /** @return the path without its query, from a request target that may be malformed */
    static String pathOf(String target) {
        int query = target.indexOf('?');
        return query < 0 ? target : target.substring(0, query);
    }

    private static String client(Channel channel, Scope scope) {
        InetSocketAddress address = scope != null ? scope.clientAddress().orElse(null) : null;
        SocketAddress remote = address != null ? address : channel.remoteAddress();
        if (remote instanceof InetSocketAddress inet) {
            return inet.getAddress() == null ? inet.getHostString() + ":" + inet.getPort()
                    : inet.getAddress().getHostAddress() + ":" + inet.getPort();
        }
        return remote == null ? "-" : LogText.of(remote.toString());
    }

    private static String user(Scope scope) {
        return scope == null ? "-" : scope.user().map(user -> quoted(user.id())).orElse("-");
    }

    private static String quoted(String value) {
        return "\"" + LogText.of(value).replace("\"", "\\\"") + "\"";
    }

    private static long millisSince(long startNanos) {
        return (System.nanoTime() - startNanos) / 1_000_000;
    }
}
