/**
 * JSON for the whole server: one {@link dev.notify.json.JsonCodec} encodes what consumers send
 * with {@code sendJson}, decodes what JSON consumers receive, encodes HTTP responses, and turns
 * records and beans into layer {@link dev.notify.layer.Message}s and back. notify-core's
 * {@code JacksonJsonCodec} is the default; an application passes its own to the server builder.
 */
package dev.notify.json;
