package dev.notify.auth;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletionStage;

/**
 * The server-side session of the client that made a request or opened a connection, as session
 * middleware puts it on the scope ({@code Scope.session()}): Django's {@code request.session} and
 * Channels' {@code scope["session"]}. It holds string values; the browser holds only a random key in
 * a cookie, and the store only a hash of that key.
 *
 * <p><b>When it is saved.</b> For an HTTP request the middleware saves a changed session when the
 * response goes out (not after a 5xx) and sets or clears the cookie. A WebSocket consumer that
 * changes the session must call {@link #save()} itself, as in Channels; the cookie cannot change
 * once the handshake is answered.
 *
 * <p>Logging in and out goes through the authentication middleware ({@code AuthMiddleware.login}
 * and {@code logout} in notify-core), which also renews the key. Thread-safe.
 *
 * @since 0.1
 */
public interface Session {
    /**
     * @param key a value's name
     * @return its value, if set
     */
    Optional<String> get(String key);

    /**
     * @param key a value's name
     * @param value the value
     * @throws NullPointerException if either is {@code null}
     */
    void put(String key, String value);

    /** @param key the name of a value to remove; absent names are ignored */
    void remove(String key);

    /** @return a snapshot of the values */
    Map<String, String> values();

    /** @return the id of the user logged in with this session, if any */
    Optional<String> userId();

    /**
     * Writes the session to its store now: what a WebSocket consumer calls after changing it or
     * after a login or logout. An unchanged session is not written.
     *
     * @return completes when the store has it; fails with the store's failure
     */
    CompletionStage<Void> save();
}
