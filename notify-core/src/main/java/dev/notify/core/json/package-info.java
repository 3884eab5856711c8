/**
 * The default {@link dev.notify.json.JsonCodec}: {@link dev.notify.core.json.JacksonJsonCodec},
 * Jackson with {@code java.time}, {@code Optional} and records, or an application's own
 * {@code ObjectMapper}.
 */
package dev.notify.core.json;
