package dev.notify.http;

/**
 * A blocking HTTP handler: runs on a worker thread (a virtual thread where the JVM has them), so it
 * may call databases or {@code ChannelLayer.blocking(...)}. A handler that throws produces a 500
 * response and is logged; the server keeps serving.
 *
 * @since 0.1
 */
@FunctionalInterface
public interface HttpHandler {
    /**
     * @param request the request, body included
     * @return the response
     * @throws Exception to answer 500
     */
    HttpResponse handle(HttpRequest request) throws Exception;
}
