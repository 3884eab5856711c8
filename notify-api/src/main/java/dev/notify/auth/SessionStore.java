package dev.notify.auth;

import java.util.Optional;
import java.util.concurrent.CompletionStage;

/**
 * Keeps sessions between requests, for the session middleware: Django's session engines. A store
 * never sees a session key, only the hex SHA-256 of it, so a leaked store logs nobody in.
 *
 * <p>Implementations MUST:
 * <ol>
 *   <li>return promptly from every method, never blocking the caller: a store over blocking I/O
 *       runs it on an executor of its own;</li>
 *   <li>make {@link #load} return what the last {@link #save} of that hash stored, until
 *       {@link #delete} or {@link #deleteUser} removes it or its
 *       {@link StoredSession#expiresAt() expiresAt} has passed (by the store's clock), and empty
 *       after;</li>
 *   <li>make {@link #deleteUser} remove every session saved with that user id, so that a password
 *       change ends them all;</li>
 *   <li>report failures through the returned stage, never by throwing.</li>
 * </ol>
 * notify-core offers {@code InMemorySessionStore} and {@code JdbcSessionStore}; notify-redis offers
 * {@code RedisSessionStore}. notify-core's test-jar has {@code SessionStoreCompatibilityKit}, the
 * tests a store must pass.
 *
 * @since 0.1
 */
public interface SessionStore {
    /**
     * @param keyHash the hex SHA-256 of the session key
     * @return completes with the session, or empty if there is none or it expired
     */
    CompletionStage<Optional<StoredSession>> load(String keyHash);

    /**
     * Creates or replaces a session.
     *
     * @param keyHash the hex SHA-256 of the session key
     * @param session what to keep
     * @return completes when stored
     */
    CompletionStage<Void> save(String keyHash, StoredSession session);

    /**
     * Removes a session (logout); a missing one is not an error.
     *
     * @param keyHash the hex SHA-256 of the session key
     * @return completes when removed
     */
    CompletionStage<Void> delete(String keyHash);

    /**
     * Ends every session of a user, as after a password change.
     *
     * @param userId the user's id, as sessions recorded it at login
     * @return completes when they are removed
     */
    CompletionStage<Void> deleteUser(String userId);
}
