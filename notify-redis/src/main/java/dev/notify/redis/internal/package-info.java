/**
 * Internal: not API; may change without notice. Key naming, Lua scripts, msgpack, Fernet, the
 * consistent hash and the connections and queue readers of the Redis layers.
 */
package dev.notify.redis.internal;
