package dev.notify.core.routing;

import dev.notify.consumer.Scope;
import dev.notify.http.HttpRequest;
import dev.notify.http.HttpResponse;
import java.net.URI;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * Refuses WebSocket handshakes whose {@code Origin} is not allowed, with 403 (Channels'
 * {@code OriginValidator} and {@code AllowedHostsOriginValidator}). HTTP requests pass.
 *
 * <p>Allowed-origin patterns, as in Channels:
 * <ul>
 *   <li>{@code *} allows every origin;</li>
 *   <li>{@code https://example.com} or {@code http://example.com:8080}: that scheme, host and port;</li>
 *   <li>{@code example.com} or {@code example.com:8080}: that host (and port) with any scheme;</li>
 *   <li>{@code .example.com}: that domain and every subdomain.</li>
 * </ul>
 * A handshake without an {@code Origin} header (a non-browser client) is allowed unless
 * {@link #requiringOrigin()} is used; browsers always send one.
 *
 * @since 0.1
 */
public final class OriginValidator implements Middleware {
    private final List<String> allowed;
    private final boolean requireOrigin;

    private OriginValidator(List<String> allowed, boolean requireOrigin) {
        this.allowed = allowed.stream().map(p -> p.trim().toLowerCase(Locale.ROOT)).filter(p -> !p.isEmpty()).toList();
        this.requireOrigin = requireOrigin;
    }

    /**
     * @param patterns the allowed origin patterns
     * @return the validator
     */
    public static OriginValidator allowing(List<String> patterns) {
        return new OriginValidator(List.copyOf(patterns), false);
    }

    /**
     * @param patterns the allowed origin patterns
     * @return the validator
     */
    public static OriginValidator allowing(String... patterns) {
        return allowing(List.of(patterns));
    }

    /** @return a validator with the same patterns that also refuses handshakes without an Origin */
    public OriginValidator requiringOrigin() {
        return new OriginValidator(allowed, true);
    }

    @Override
    public CompletionStage<HttpResponse> handle(HttpRequest request, Next next) {
        Scope scope = request.scope();
        if (scope.type() != Scope.Type.WEBSOCKET) {
            return next.handle(request);
        }
        Optional<String> origin = scope.header("Origin");
        boolean ok = origin.isEmpty() || "null".equals(origin.get()) ? !requireOrigin || allowed.contains("*") : isAllowed(origin.get());
        return ok ? next.handle(request)
                : CompletableFuture.completedFuture(HttpResponse.status(403, "origin " + origin.orElse("(none)") + " is not allowed"));
    }

    /**
     * @param origin an {@code Origin} header value such as {@code https://example.com:8443}
     * @return whether a pattern allows it
     */
    public boolean isAllowed(String origin) {
        URI uri;
        try {
            uri = URI.create(origin.trim().toLowerCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            return false;
        }
        String scheme = uri.getScheme();
        String host = uri.getHost();
        if (scheme == null || host == null) {
            return false;
        }
        int port = uri.getPort() >= 0 ? uri.getPort() : ("https".equals(scheme) || "wss".equals(scheme) ? 443 : 80);
        for (String pattern : allowed) {
            if (matches(pattern, scheme, host, port, uri.getPort() >= 0)) {
                return true;
            }
        }
        return false;
    }

    private static boolean matches(String pattern, String scheme, String host, int port, boolean explicitPort) {
        if ("*".equals(pattern)) {
            return true;
        }
        String rest = pattern;
        int schemeEnd = pattern.indexOf("://");
        if (schemeEnd >= 0) {
            if (!pattern.substring(0, schemeEnd).equals(scheme)) {
                return false;
            }
            rest = pattern.substring(schemeEnd + 3);
        }
        String patternHost = rest;
        Integer patternPort = null;
        int colon = rest.lastIndexOf(':');
        if (colon > 0 && !rest.endsWith("]")) {
            patternHost = rest.substring(0, colon);
            try {
                patternPort = Integer.parseInt(rest.substring(colon + 1));
            } catch (NumberFormatException e) {
                return false;
            }
        }
        if (patternPort != null && patternPort != port) {
            return false;
        }
        if (patternPort == null && schemeEnd >= 0 && explicitPort) {
            // "https://example.com" means the default port only
            int defaultPort = "https".equals(scheme) || "wss".equals(scheme) ? 443 : 80;
            if (port != defaultPort) {
                return false;
            }
        }
        if (patternHost.startsWith(".")) {
            return host.equals(patternHost.substring(1)) || host.endsWith(patternHost);
        }
        return host.equals(patternHost);
    }
}
