package dev.notify.core.runtime;

import dev.notify.consumer.AsyncJsonWebSocketConsumer;
import dev.notify.consumer.AsyncWebSocketConsumer;
import dev.notify.consumer.CloseStatus;
import dev.notify.consumer.JsonWebSocketConsumer;
import dev.notify.consumer.WebSocketConsumer;
import dev.notify.consumer.WebSocketSession;
import dev.notify.core.routing.Router;
import dev.notify.layer.Message;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * One view of a synchronous or asynchronous consumer: every hook returns a stage. Synchronous hooks
 * run on the calling (worker) thread and return a completed stage.
 */
abstract class ConsumerAdapter {
    static final CompletionStage<Void> DONE = CompletableFuture.completedFuture(null);

    /** A frame the consumer cannot take; the runtime closes with {@link #status}. */
    static final class RefusedFrameException extends RuntimeException {
        private static final long serialVersionUID = 1L;
        private final transient CloseStatus status;

        RefusedFrameException(CloseStatus status, String message, Throwable cause) {
            super(message, cause);
            this.status = status;
        }

        CloseStatus status() {
            return status;
        }
    }

    /**
     * Makes the consumer of one connection with the route's factory.
     *
     * @throws IllegalArgumentException if the factory returned null, or a handler method has the
     *     wrong signature
     * @throws IllegalStateException if a handler method cannot be called from this module
     */
    static ConsumerAdapter create(Router.WebSocketRoute route) {
        if (route instanceof Router.WebSocketRoute.Sync sync) {
            return new Sync(requireConsumer(sync.factory().get()));
        }
        return new Async(requireConsumer(((Router.WebSocketRoute.Async) route).factory().get()));
    }

    private static <T> T requireConsumer(T consumer) {
        if (consumer == null) {
            throw new IllegalArgumentException("a consumer factory returned null; it must return a new consumer");
        }
        HandlerMethods.of(consumer.getClass()); // a handler notify cannot call fails this handshake
        return consumer;
    }

    abstract Object consumer();

    /** Whether hooks may block, so they run on the blocking worker executor. */
    abstract boolean blocking();

    abstract Set<String> groups();

    abstract CompletionStage<Void> connect(WebSocketSession session) throws Exception;

    abstract CompletionStage<Void> text(WebSocketSession session, String text) throws Exception;

    abstract CompletionStage<Void> binary(WebSocketSession session, byte[] data) throws Exception;

    abstract CompletionStage<Void> disconnect(WebSocketSession session, CloseStatus status) throws Exception;

    abstract void error(WebSocketSession session, Throwable error);

    abstract CompletionStage<Void> unhandled(WebSocketSession session, Message message) throws Exception;

    /** Dispatches a layer message to its handler method, or to onMessage. */
    final CompletionStage<Void> message(WebSocketSession session, Message message) throws Exception {
        Optional<Method> handler = HandlerMethods.of(consumer().getClass()).find(message.type());
        if (handler.isEmpty()) {
            return unhandled(session, message);
        }
        Object result;
        try {
            result = handler.get().invoke(consumer(), session, message);
        } catch (InvocationTargetException e) {
            Throwable cause = e.getCause();
            if (cause instanceof Exception) {
                throw (Exception) cause;
            }
            throw (Error) cause;
        }
        return result instanceof CompletionStage ? ((CompletionStage<?>) result).thenApply(r -> null) : DONE;
    }

    static Object decodeJson(WebSocketSession session, String text) {
        try {
            return session.json().decode(text);
        } catch (IllegalArgumentException e) {
            throw new RefusedFrameException(CloseStatus.INVALID_PAYLOAD, "text frame is not JSON: " + e.getMessage(), e);
        }
    }

    static RefusedFrameException binaryRefused() {
        return new RefusedFrameException(CloseStatus.UNSUPPORTED_DATA, "a JSON consumer does not take binary frames", null);
    }

    private static final class Sync extends ConsumerAdapter {
        private final WebSocketConsumer consumer;

        Sync(WebSocketConsumer consumer) {
            this.consumer = consumer;
        }

        @Override
        Object consumer() {
            return consumer;
        }

        @Override
        boolean blocking() {
            return true;
        }

        @Override
        Set<String> groups() {
            return consumer.groups();
        }

        @Override
        CompletionStage<Void> connect(WebSocketSession session) throws Exception {
            consumer.onConnect(session);
            return DONE;
        }

        @Override
        CompletionStage<Void> text(WebSocketSession session, String text) throws Exception {
            if (consumer instanceof JsonWebSocketConsumer) {
                ((JsonWebSocketConsumer) consumer).onJson(session, decodeJson(session, text));
            } else {
                consumer.onText(session, text);
            }
            return DONE;
        }

        @Override
        CompletionStage<Void> binary(WebSocketSession session, byte[] data) throws Exception {
            if (consumer instanceof JsonWebSocketConsumer) {
                throw binaryRefused();
            }
            consumer.onBinary(session, data);
            return DONE;
        }

        @Override
        CompletionStage<Void> disconnect(WebSocketSession session, CloseStatus status) throws Exception {
            consumer.onDisconnect(session, status);
            return DONE;
        }

        @Override
        void error(WebSocketSession session, Throwable error) {
            consumer.onError(session, error);
        }

        @Override
        CompletionStage<Void> unhandled(WebSocketSession session, Message message) throws Exception {
            consumer.onMessage(session, message);
            return DONE;
        }
    }

    private static final class Async extends ConsumerAdapter {
        private final AsyncWebSocketConsumer consumer;

        Async(AsyncWebSocketConsumer consumer) {
            this.consumer = consumer;
        }

        @Override
        Object consumer() {
            return consumer;
        }

        @Override
        boolean blocking() {
            return false;
        }

        @Override
        Set<String> groups() {
            return consumer.groups();
        }

        @Override
        CompletionStage<Void> connect(WebSocketSession session) {
            return consumer.onConnect(session);
        }

        @Override
        CompletionStage<Void> text(WebSocketSession session, String text) {
            if (consumer instanceof AsyncJsonWebSocketConsumer) {
                return ((AsyncJsonWebSocketConsumer) consumer).onJson(session, decodeJson(session, text));
            }
            return consumer.onText(session, text);
        }

        @Override
        CompletionStage<Void> binary(WebSocketSession session, byte[] data) {
            if (consumer instanceof AsyncJsonWebSocketConsumer) {
                throw binaryRefused();
            }
            return consumer.onBinary(session, data);
        }

        @Override
        CompletionStage<Void> disconnect(WebSocketSession session, CloseStatus status) {
            return consumer.onDisconnect(session, status);
        }

        @Override
        void error(WebSocketSession session, Throwable error) {
            consumer.onError(session, error);
        }

        @Override
        CompletionStage<Void> unhandled(WebSocketSession session, Message message) {
            return consumer.onMessage(session, message);
        }
    }
}
