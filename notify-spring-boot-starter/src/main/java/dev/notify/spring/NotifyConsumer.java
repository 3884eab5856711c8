package dev.notify.spring;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.beans.factory.config.ConfigurableBeanFactory;
import org.springframework.context.annotation.Scope;
import org.springframework.core.annotation.AliasFor;
import org.springframework.stereotype.Component;

/**
 * Marks a {@link dev.notify.consumer.WebSocketConsumer} or
 * {@link dev.notify.consumer.AsyncWebSocketConsumer} as a Spring bean served at a path: component
 * scanning finds it, and the notify server creates one instance per connection through the
 * application context, so its constructor can take any other bean.
 *
 * <pre>{@code
 * @NotifyConsumer("/ws/chat/{room}/")
 * public class ChatConsumer implements WebSocketConsumer {
 *     private final ChatHistory history;                    // any bean
 *
 *     public ChatConsumer(ChatHistory history) {
 *         this.history = history;
 *     }
 *
 *     public void chatMessage(WebSocketSession session, Message message) { ... }   // "chat.message"
 * }
 * }</pre>
 *
 * <p>The bean is prototype-scoped: a consumer holds one connection's state. Overriding the scope is
 * refused at startup. Everything else behaves as with {@code Router.builder().websocket(path,
 * ChatConsumer::new)}: the template's parameters are in the scope, layer messages are dispatched to
 * the method named after their type, and the hooks of one connection run one at a time.
 *
 * @since 0.2
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Component
@Scope(ConfigurableBeanFactory.SCOPE_PROTOTYPE)
public @interface NotifyConsumer {

    /**
     * @return the path template, such as {@code /ws/chat/{room}/}; an alias for {@link #path()}
     */
    @AliasFor("path")
    String value() default "";

    /**
     * @return the path template, such as {@code /ws/chat/{room}/}
     */
    @AliasFor("value")
    String path() default "";
}
