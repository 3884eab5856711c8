package dev.notify.http;

import java.util.concurrent.CompletionStage;

/**
 * A non-blocking HTTP handler. It MUST NOT block; a failed stage produces a 500 response.
 *
 * @since 0.1
 */
@FunctionalInterface
public interface AsyncHttpHandler {
    /**
     * @param request the request, body included
     * @return completes with the response
     */
    CompletionStage<HttpResponse> handle(HttpRequest request);
}
