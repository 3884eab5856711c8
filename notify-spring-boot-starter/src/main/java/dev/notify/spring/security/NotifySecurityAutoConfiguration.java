package dev.notify.spring.security;

import dev.notify.core.routing.Middleware;
import jakarta.servlet.http.HttpSessionListener;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.core.annotation.Order;
import org.springframework.core.env.Environment;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.web.context.HttpSessionSecurityContextRepository;

/**
 * When Spring Security runs in a servlet web application: the user logged in to the HTTP session
 * becomes the WebSocket's user ({@code scope.user()}), for handshakes whose session cookie names a live
 * session of this process and that come from a page of the same host. Off by excluding this
 * auto-configuration.
 *
 * @since 0.2
 */
@AutoConfiguration
@ConditionalOnClass({SecurityContext.class, HttpSessionSecurityContextRepository.class, HttpSessionListener.class})
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
public class NotifySecurityAutoConfiguration {
    private static final String SESSION_COOKIE_NAME = "server.servlet.session.cookie.name";

    /** Creates the auto-configuration; Spring Boot does this. */
    public NotifySecurityAutoConfiguration() {
    }

    @Bean
    @ConditionalOnMissingBean
    HttpSessions notifyHttpSessions() {
        return new HttpSessions();
    }

    /**
     * @param sessions the live sessions
     * @param environment for the session cookie's name
     * @return the middleware, run before the application's own middleware beans
     */
    @Bean
    @Order(0)
    Middleware notifySessionUser(HttpSessions sessions, Environment environment) {
        return new SessionUserMiddleware(sessions, environment.getProperty(SESSION_COOKIE_NAME, "JSESSIONID"));
    }
}
