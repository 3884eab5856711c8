/**
 * A channel layer on NATS ({@code io.nats:jnats}): {@link dev.notify.nats.NatsChannelLayer} (name
 * {@code nats}), configured by {@link dev.notify.nats.NatsLayerOptions}. Groups are subjects,
 * process-specific channels share one subject per process, named channels are queue groups.
 */
package dev.notify.nats;
