/**
 * The notify runtime. {@link dev.notify.core.ChannelLayers} picks a channel layer from
 * configuration; {@link dev.notify.core.routing} maps paths to consumers and HTTP handlers;
 * {@link dev.notify.core.runtime} drives consumers; {@link dev.notify.core.bridge} joins blocking
 * and asynchronous code.
 */
package dev.notify.core;
