package dev.notify.core.routing;

import dev.notify.consumer.Scope;
import dev.notify.http.HttpRequest;
import dev.notify.http.HttpResponse;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Refuses requests and WebSocket handshakes for a {@code Host} this site does not serve, with 400:
 * Django's {@code ALLOWED_HOSTS}. It stops DNS-rebinding pages from talking to a local server, and
 * links or password-reset mails from being built on a forged host name. Put it first.
 *
 * <p>Patterns, as Django's: {@code example.com} (that name), {@code .example.com} (that domain and
 * every subdomain), {@code *} (any); the port does not count. {@link #LOCAL_HOSTS} are Django's
 * defaults under {@code DEBUG}. A request with two {@code Host} headers, or a malformed one, is
 * refused too; one without (HTTP/1.0, or the test kit) passes. (The Netty server already answers 400
 * to an HTTP/1.1 request without a {@code Host} or with two.)
 *
 * @since 0.1
 */
public final class HostValidator implements Middleware {
    /** The local names: {@code localhost} and its subdomains, {@code 127.0.0.1}, {@code [::1]}. */
    public static final List<String> LOCAL_HOSTS = List.of(".localhost", "127.0.0.1", "[::1]");

    // Django's host_validation_re: a name or an IPv6 literal, then an optional port
    private static final Pattern HOST = Pattern.compile("([a-z0-9.-]+|\\[[a-f0-9]*:[a-f0-9.:]+])(:[0-9]+)?");

    private final List<String> allowed;

    private HostValidator(List<String> allowed) {
        this.allowed = allowed.stream().map(p -> p.trim().toLowerCase(Locale.ROOT)).filter(p -> !p.isEmpty()).toList();
    }

    /**
     * @param patterns the allowed host patterns
     * @return the validator
     */
    public static HostValidator allowing(List<String> patterns) {
        return new HostValidator(List.copyOf(patterns));
    }

    /**
     * @param patterns the allowed host patterns
     * @return the validator
     */
    public static HostValidator allowing(String... patterns) {
        return allowing(List.of(patterns));
    }

    @Override
    public CompletionStage<HttpResponse> handle(HttpRequest request, Next next) {
        Scope scope = request.scope();
        List<String> hosts = scope.headers().getOrDefault("Host", List.of());
        if (hosts.size() > 1) {
            return refuse("more than one Host header: " + hosts);
        }
        if (hosts.size() == 1 && !isAllowed(hosts.get(0))) {
            return refuse("Host '" + hosts.get(0) + "' is not allowed; add it to the allowed hosts");
        }
        return next.handle(request);
    }

    /**
     * @param host a {@code Host} header value, such as {@code example.com:8443}
     * @return whether a pattern allows it
     */
    public boolean isAllowed(String host) {
        Matcher m = HOST.matcher(host.toLowerCase(Locale.ROOT));
        if (!m.matches()) {
            return false;
        }
        String name = m.group(1).endsWith(".") ? m.group(1).substring(0, m.group(1).length() - 1) : m.group(1);
        for (String pattern : allowed) {
            if (pattern.equals("*") || pattern.equals(name)
                    || (pattern.startsWith(".") && (name.endsWith(pattern) || name.equals(pattern.substring(1))))) {
                return true;
            }
        }
        return false;
    }

    private static CompletionStage<HttpResponse> refuse(String reason) {
        return CompletableFuture.completedFuture(HttpResponse.status(400, "Bad Request: " + reason));
    }

    @Override
    public String toString() {
        return "HostValidator" + allowed;
    }
}
