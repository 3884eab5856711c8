package dev.notify.auth;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What a {@link SessionStore} keeps of one session.
 *
 * @param userId the logged-in user's id, if any; stores index sessions by it for
 *     {@link SessionStore#deleteUser}
 * @param values the session's values
 * @param expiresAt when the session ends; a store no longer returns it after that
 * @since 0.1
 */
public record StoredSession(Optional<String> userId, Map<String, String> values, Instant expiresAt) {
    /**
     * Checks and copies the fields.
     *
     * @param userId the logged-in user's id, if any; stores index sessions by it for
     *     {@link SessionStore#deleteUser}
     * @param values the session's values
     * @param expiresAt when the session ends; a store no longer returns it after that
     */
    public StoredSession {
        Objects.requireNonNull(userId, "userId");
        values = Map.copyOf(values);
        Objects.requireNonNull(expiresAt, "expiresAt");
    }
}
