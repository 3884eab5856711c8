/**
 * WebSocket consumers: one instance per connection, as in Django Channels.
 *
 * <p>A {@link dev.notify.consumer.WebSocketConsumer} runs its hooks on a worker thread and may
 * block; an {@link dev.notify.consumer.AsyncWebSocketConsumer} returns stages and must not block.
 * Either way, the hooks of one connection run one at a time, in the order their events arrived,
 * whether they came from the socket or from the channel layer. Synchronous hooks never run on a
 * network I/O thread; asynchronous ones may, which is why they must not block.
 *
 * <p>Layer messages are dispatched by {@code type} to a handler method: a method annotated
 * {@link dev.notify.consumer.MessageHandler @MessageHandler("send.notification")}, or else the public
 * method whose name is the type in lowerCamelCase ({@code send.notification} and
 * {@code send_notification} both become {@code sendNotification}) taking
 * {@code (WebSocketSession, Message)}. A type with no handler goes to {@code onMessage}, whose
 * default closes that connection with 1011.
 *
 * <p>Worker consumers ({@link dev.notify.consumer.WorkerConsumer},
 * {@link dev.notify.consumer.AsyncWorkerConsumer}) take the messages of a named channel instead of a
 * connection's; their handler methods take {@code (WorkerContext, Message)}.
 */
package dev.notify.consumer;
