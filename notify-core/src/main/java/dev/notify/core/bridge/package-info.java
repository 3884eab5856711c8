/**
 * Between blocking and asynchronous code: Channels' {@code async_to_sync} and
 * {@code sync_to_async} / {@code database_sync_to_async}.
 */
package dev.notify.core.bridge;
