/**
 * notify on Spring Boot: add notify-spring-boot-starter and the application gets the
 * {@link dev.notify.layer.ChannelLayer} that {@code notify.layer} names (inject it to send to groups
 * from any bean), and a notify server on {@code notify.server.port} serving the
 * {@link dev.notify.spring.NotifyConsumer} beans, started and gracefully stopped with the context.
 * {@link dev.notify.spring.NotifyProperties} lists the {@code notify.*} properties.
 */
package dev.notify.spring;
