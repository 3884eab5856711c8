/**
 * Redis channel layers that share Redis with Django Channels' channels_redis 4.x:
 * {@link dev.notify.redis.RedisChannelLayer} (name {@code redis}, durable sorted-set queues) and
 * {@link dev.notify.redis.RedisPubSubChannelLayer} (name {@code redis-pubsub}, at-most-once pub/sub),
 * both configured by {@link dev.notify.redis.RedisLayerOptions}.
 */
package dev.notify.redis;
