/**
 * The in-memory channel layer: every channel and group lives in this process (Channels'
 * {@code InMemoryChannelLayer}). For development, tests and single-process deployments; it does not
 * cross processes.
 */
package dev.notify.inmemory;
