package dev.notify.http;

import dev.notify.NotifyException;

/**
 * The request cannot be read the way its handler asked, through no fault of the handler: a form
 * body that is not valid {@code application/x-www-form-urlencoded}, for instance. The runtime
 * answers it with 400 Bad Request and the message, and logs no stack trace.
 *
 * @since 0.1
 */
public class MalformedRequestException extends NotifyException {
    private static final long serialVersionUID = 1L;

    /**
     * @param message what is wrong with the request; it is sent to the client
     * @param cause the decoding failure
     */
    public MalformedRequestException(String message, Throwable cause) {
        super(message, cause);
    }
}
