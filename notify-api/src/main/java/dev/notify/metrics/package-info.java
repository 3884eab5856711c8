/**
 * Meters without a metrics library: a {@link dev.notify.metrics.MeterSource} (the server, the
 * consumer runtime, every channel layer) keeps its counts in plain fields and describes them to a
 * {@link dev.notify.metrics.MeterSink}, which a metrics library's binding implements. The Netty
 * server binds Micrometer this way ({@code NotifyServer.builder().meterRegistry(registry)}), so that
 * an application without Micrometer on its class path never loads a Micrometer type.
 *
 * <p>Names are dot-separated and start with {@code notify.}; tags are {@code key, value} pairs with
 * a small, fixed set of values.
 */
package dev.notify.metrics;
