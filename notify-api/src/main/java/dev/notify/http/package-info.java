/**
 * Plain HTTP handlers, served on the same port as the WebSocket consumers: an
 * {@link dev.notify.http.HttpHandler} (may block; runs on a worker thread) or an
 * {@link dev.notify.http.AsyncHttpHandler} (must not block) turns an
 * {@link dev.notify.http.HttpRequest} into an {@link dev.notify.http.HttpResponse}.
 * An {@link dev.notify.http.AsyncHttpConsumer} streams its response instead, through an
 * {@link dev.notify.http.HttpStream}, while it receives layer messages like a WebSocket consumer;
 * {@link dev.notify.http.ServerSentEvent} writes the {@code text/event-stream} format.
 */
package dev.notify.http;
