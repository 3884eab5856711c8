package dev.notify.consumer;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a consumer method as the handler of layer messages of the given type. The method is public
 * and takes {@code (WebSocketSession, Message)} ({@code (WorkerContext, Message)} on a worker
 * consumer); on an asynchronous consumer it returns a {@code CompletionStage}. Without this annotation, a public method named after the type in
 * lowerCamelCase is the handler ({@code send.notification} becomes {@code sendNotification}).
 *
 * @since 0.1
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface MessageHandler {
    /** @return the message types this method handles, such as {@code "send.notification"} */
    String[] value();
}
