package dev.notify.consumer;

import dev.notify.NotifyException;

/**
 * A consumer received a layer message whose type it has no handler for. The runtime logs it with the
 * type and closes only that connection with {@link CloseStatus#INTERNAL_ERROR}; a worker logs it and
 * skips the message.
 *
 * @since 0.1
 */
public class UnknownMessageTypeException extends NotifyException {
    private static final long serialVersionUID = 1L;

    /**
     * @param consumerClass the consumer's class
     * @param type the unhandled message type
     */
    public UnknownMessageTypeException(Class<?> consumerClass, String type) {
        super(consumerClass.getName() + " has no handler for message type '" + type
                + "'; add a method annotated @MessageHandler(\"" + type + "\") or override onMessage");
    }
}
