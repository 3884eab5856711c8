package dev.notify.core.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.notify.consumer.AsyncJsonWebSocketConsumer;
import dev.notify.consumer.AsyncWebSocketConsumer;
import dev.notify.consumer.CloseStatus;
import dev.notify.consumer.JsonWebSocketConsumer;
import dev.notify.consumer.WebSocketConsumer;
import dev.notify.consumer.WebSocketSession;
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
public abstract class ConsumerAdapter {
    static final CompletionStage<Void> DONE = CompletableFuture.completedFuture(null);

    /** A frame the consumer cannot take; the runtime closes with {@link #status}. */
    public static final class RefusedFrameException extends RuntimeException {
        private static final long serialVersionUID = 1L;
        private final transient CloseStatus status;

        RefusedFrameException(CloseStatus status, String message, Throwable cause) {
            super(message, cause);
            this.status = status;
        }

        public CloseStatus status() {
            return status;
        }
    }

    public static ConsumerAdapter of(Object consumer) {
        if (consumer instanceof WebSocketConsumer) {
            return new Sync((WebSocketConsumer) consumer);
        }
        if (consumer instanceof AsyncWebSocketConsumer) {
            return new Async((AsyncWebSocketConsumer) consumer);
        }
        throw new IllegalArgumentException("a consumer factory returned " + (consumer == null ? "null" : consumer.getClass().getName())
                + "; it must return a WebSocketConsumer or an AsyncWebSocketConsumer");
    }

    public abstract Object consumer();

    /** Whether hooks may block, so they run on the blocking worker executor. */
    public abstract boolean blocking();

    public abstract Set<String> groups();

    public abstract CompletionStage<Void> connect(WebSocketSession session) throws Exception;

    public abstract CompletionStage<Void> text(WebSocketSession session, String text) throws Exception;

    public abstract CompletionStage<Void> binary(WebSocketSession session, byte[] data) throws Exception;

    public abstract CompletionStage<Void> disconnect(WebSocketSession session, CloseStatus status) throws Exception;

    public abstract void error(WebSocketSession session, Throwable error);

    protected abstract CompletionStage<Void> unhandled(WebSocketSession session, Message message) throws Exception;

    /** Dispatches a layer message to its handler method, or to onMessage. */
    public final CompletionStage<Void> message(WebSocketSession session, Message message) throws Exception {
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

    static Object decodeJson(String text) {
        try {
            return Json.decode(text);
        } catch (JsonProcessingException e) {
            throw new RefusedFrameException(CloseStatus.INVALID_PAYLOAD, "text frame is not JSON: " + e.getOriginalMessage(), e);
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
        public Object consumer() {
            return consumer;
        }

        @Override
        public boolean blocking() {
            return true;
        }

        @Override
        public Set<String> groups() {
            return consumer.groups();
        }

        @Override
        public CompletionStage<Void> connect(WebSocketSession session) throws Exception {
            consumer.onConnect(session);
            return DONE;
        }

        @Override
        public CompletionStage<Void> text(WebSocketSession session, String text) throws Exception {
            if (consumer instanceof JsonWebSocketConsumer) {
                ((JsonWebSocketConsumer) consumer).onJson(session, decodeJson(text));
            } else {
                consumer.onText(session, text);
            }
            return DONE;
        }

        @Override
        public CompletionStage<Void> binary(WebSocketSession session, byte[] data) throws Exception {
            if (consumer instanceof JsonWebSocketConsumer) {
                throw binaryRefused();
            }
            consumer.onBinary(session, data);
            return DONE;
        }

        @Override
        public CompletionStage<Void> disconnect(WebSocketSession session, CloseStatus status) throws Exception {
            consumer.onDisconnect(session, status);
            return DONE;
        }

        @Override
        public void error(WebSocketSession session, Throwable error) {
            consumer.onError(session, error);
        }

        @Override
        protected CompletionStage<Void> unhandled(WebSocketSession session, Message message) throws Exception {
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
        public Object consumer() {
            return consumer;
        }

        @Override
        public boolean blocking() {
            return false;
        }

        @Override
        public Set<String> groups() {
            return consumer.groups();
        }

        @Override
        public CompletionStage<Void> connect(WebSocketSession session) {
            return consumer.onConnect(session);
        }

        @Override
        public CompletionStage<Void> text(WebSocketSession session, String text) {
            if (consumer instanceof AsyncJsonWebSocketConsumer) {
                return ((AsyncJsonWebSocketConsumer) consumer).onJson(session, decodeJson(text));
            }
            return consumer.onText(session, text);
        }

        @Override
        public CompletionStage<Void> binary(WebSocketSession session, byte[] data) {
            if (consumer instanceof AsyncJsonWebSocketConsumer) {
                throw binaryRefused();
            }
            return consumer.onBinary(session, data);
        }

        @Override
        public CompletionStage<Void> disconnect(WebSocketSession session, CloseStatus status) {
            return consumer.onDisconnect(session, status);
        }

        @Override
        public void error(WebSocketSession session, Throwable error) {
            consumer.onError(session, error);
        }

        @Override
        protected CompletionStage<Void> unhandled(WebSocketSession session, Message message) {
            return consumer.onMessage(session, message);
        }
    }
}
