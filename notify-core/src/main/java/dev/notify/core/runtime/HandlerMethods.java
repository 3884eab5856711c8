package dev.notify.core.runtime;

import dev.notify.consumer.AsyncWorkerConsumer;
import dev.notify.consumer.MessageHandler;
import dev.notify.consumer.WebSocketSession;
import dev.notify.consumer.WorkerConsumer;
import dev.notify.consumer.WorkerContext;
import dev.notify.http.AsyncHttpConsumer;
import dev.notify.http.HttpStream;
import dev.notify.layer.Message;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A consumer class's handler methods by message type: {@code @MessageHandler("a.b")} first, then the
 * public method named by the lowerCamelCase rule ({@code a.b} and {@code a_b} give {@code aB}) taking
 * {@code (WebSocketSession, Message)}, {@code (WorkerContext, Message)} on a worker consumer, or
 * {@code (HttpStream, Message)} on a streaming HTTP consumer.
 * Looked up once per class and type; made when the first
 * consumer of a class connects, so that a handler notify cannot call fails that handshake, not a
 * later message.
 *
 * <p>In an application module, a handler is called reflectively from this module: its package must
 * be exported to {@code dev.notify.core} (a qualified {@code exports}, not {@code opens}), and its
 * class public. The error says which line to add.
 */
final class HandlerMethods {
    private static final ClassValue<HandlerMethods> CACHE = new ClassValue<>() {
        @Override
        protected HandlerMethods computeValue(Class<?> type) {
            return new HandlerMethods(type);
        }
    };

    private static final CompletionStage<Void> DONE = CompletableFuture.completedFuture(null);

    private final Class<?> type;
    private final Class<?> sessionType;
    private final Map<String, Method> annotated = new HashMap<>();
    private final Map<String, Optional<Method>> byType = new ConcurrentHashMap<>();

    private HandlerMethods(Class<?> type) {
        this.type = type;
        this.sessionType = WorkerConsumer.class.isAssignableFrom(type) || AsyncWorkerConsumer.class.isAssignableFrom(type)
                ? WorkerContext.class
                : AsyncHttpConsumer.class.isAssignableFrom(type) ? HttpStream.class : WebSocketSession.class;
        for (Method method : type.getMethods()) {
            if (isHandlerShaped(method)) {
                requireCallable(method);
            }
            MessageHandler handler = method.getAnnotation(MessageHandler.class);
            if (handler != null) {
                requireSignature(method);
                for (String messageType : handler.value()) {
                    Method previous = annotated.put(messageType, method);
                    if (previous != null && !previous.equals(method)) {
                        throw new IllegalArgumentException(type.getName() + " has two @MessageHandler methods for '"
                                + messageType + "': " + previous.getName() + " and " + method.getName());
                    }
                }
            }
        }
    }

    static HandlerMethods of(Class<?> type) {
        return CACHE.get(type);
    }

    /**
     * Calls a consumer's handler of a message's type.
     *
     * @return completes when the handler is done, or empty when the consumer has no handler for
     *     the type
     * @throws Exception what the handler threw
     */
    static Optional<CompletionStage<Void>> invoke(Object consumer, Object session, Message message) throws Exception {
        Optional<Method> handler = of(consumer.getClass()).find(message.type());
        if (handler.isEmpty()) {
            return Optional.empty();
        }
        Object result;
        try {
            result = handler.get().invoke(consumer, session, message);
        } catch (InvocationTargetException e) {
            Throwable cause = e.getCause();
            if (cause instanceof Exception) {
                throw (Exception) cause;
            }
            throw (Error) cause;
        }
        if (completedNormally(result)) {
            return Optional.of(DONE); // a handler that completed at once: nothing to chain
        }
        return Optional.of(result instanceof CompletionStage ? ((CompletionStage<?>) result).thenApply(r -> null) : DONE);
    }

    /**
     * @param stage what a hook or handler returned
     * @return whether it is a plain {@link CompletableFuture} that has completed normally (a
     *     minimal stage, which refuses {@code isDone}, is not)
     */
    static boolean completedNormally(Object stage) {
        return stage != null && stage.getClass() == CompletableFuture.class
                && ((CompletableFuture<?>) stage).isDone() && !((CompletableFuture<?>) stage).isCompletedExceptionally();
    }

    /** The handler of a message type, if the class has one. */
    Optional<Method> find(String messageType) {
        return byType.computeIfAbsent(messageType, this::lookup);
    }

    private Optional<Method> lookup(String messageType) {
        Method method = annotated.get(messageType);
        if (method != null) {
            return Optional.of(method);
        }
        if (messageType.startsWith("_") || messageType.startsWith(".")) {
            return Optional.empty();
        }
        try {
            method = type.getMethod(methodName(messageType), sessionType, Message.class);
        } catch (NoSuchMethodException e) {
            return Optional.empty();
        }
        if (Modifier.isStatic(method.getModifiers()) || method.getDeclaringClass() == Object.class) {
            return Optional.empty();
        }
        requireSignature(method);
        return Optional.of(method);
    }

    /** {@code send.notification} and {@code send_notification} become {@code sendNotification}. */
    static String methodName(String messageType) {
        StringBuilder name = new StringBuilder(messageType.length());
        boolean upper = false;
        for (char c : messageType.toCharArray()) {
            if (c == '.' || c == '_' || c == '-') {
                upper = name.length() > 0;
            } else {
                name.append(upper ? Character.toUpperCase(c) : name.length() == 0 ? Character.toLowerCase(c) : c);
                upper = false;
            }
        }
        return name.toString();
    }

    /** A method the lowerCamelCase rule may pick; {@code onMessage} is called through the interface. */
    private boolean isHandlerShaped(Method method) {
        Class<?>[] params = method.getParameterTypes();
        return params.length == 2 && params[0] == sessionType && params[1] == Message.class
                && !Modifier.isStatic(method.getModifiers()) && !"onMessage".equals(method.getName());
    }

    /**
     * Fails, naming the module-info line to add, if this module may not call the method: its
     * package is in an application module that does not export it here.
     */
    private void requireCallable(Method method) {
        Class<?> owner = method.getDeclaringClass();
        Module module = owner.getModule();
        Module self = HandlerMethods.class.getModule();
        String pkg = owner.getPackageName();
        if (!module.isNamed() || module == self) {
            return;
        }
        if (!module.isExported(pkg, self)) {
            String line = self.isNamed() ? "exports " + pkg + " to " + self.getName() + ";" : "exports " + pkg + ";";
            throw new IllegalStateException(type.getName() + " has the handler method " + method.getName()
                    + ", but module " + module.getName() + " does not export package " + pkg
                    + " to notify, which calls it. Add this line to module " + module.getName() + "'s module-info.java:  " + line);
        }
        if (!Modifier.isPublic(owner.getModifiers()) && !module.isOpen(pkg, self)) {
            throw new IllegalStateException(type.getName() + " has the handler method " + method.getName() + " in "
                    + owner.getName() + ", which is not public: make it public so that notify can call it");
        }
    }

    private void requireSignature(Method method) {
        Class<?>[] params = method.getParameterTypes();
        boolean ok = params.length == 2 && params[0] == sessionType && params[1] == Message.class
                && (method.getReturnType() == void.class || CompletionStage.class.isAssignableFrom(method.getReturnType()));
        if (!ok) {
            throw new IllegalArgumentException("handler method " + type.getName() + "." + method.getName()
                    + " must take (" + sessionType.getSimpleName() + ", Message) and return void or a CompletionStage");
        }
        if (!Modifier.isPublic(type.getModifiers()) || !Modifier.isPublic(method.getDeclaringClass().getModifiers())) {
            method.setAccessible(true);
        }
    }
}
