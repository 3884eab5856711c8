package dev.notify.spring.security;

import jakarta.servlet.http.HttpSession;
import jakarta.servlet.http.HttpSessionEvent;
import jakarta.servlet.http.HttpSessionIdListener;
import jakarta.servlet.http.HttpSessionListener;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * The servlet container's live HTTP sessions by id, so that a WebSocket handshake on the notify port can
 * find the session its cookie names. Spring Boot registers this bean with the embedded container as a
 * session listener; a session leaves when the container destroys it (logout, expiry) and follows a
 * changed id (session fixation protection at login).
 */
final class HttpSessions implements HttpSessionListener, HttpSessionIdListener {
    private final ConcurrentMap<String, HttpSession> byId = new ConcurrentHashMap<>();

    @Override
    public void sessionCreated(HttpSessionEvent event) {
        byId.put(event.getSession().getId(), event.getSession());
    }

    @Override
    public void sessionDestroyed(HttpSessionEvent event) {
        byId.remove(event.getSession().getId());
    }

    @Override
    public void sessionIdChanged(HttpSessionEvent event, String oldSessionId) {
        byId.remove(oldSessionId);
        byId.put(event.getSession().getId(), event.getSession());
    }

    Optional<HttpSession> find(String id) {
        return Optional.ofNullable(byId.get(id));
    }
}
