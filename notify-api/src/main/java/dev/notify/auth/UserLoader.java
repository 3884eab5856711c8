package dev.notify.auth;

import java.util.Optional;
import java.util.concurrent.CompletionStage;

/**
 * Finds a user by the id a session recorded at login or a token names as its subject: Django's
 * {@code get_user}. Application code implements it over its own users; a blocking lookup runs
 * through {@code Bridge.offload}:
 *
 * <pre>{@code
 * UserLoader users = id -> Bridge.offload(() -> accounts.findByName(id));
 * }</pre>
 *
 * <p>It MUST NOT block the calling thread, which may be a network I/O thread.
 *
 * @since 0.1
 */
@FunctionalInterface
public interface UserLoader {
    /**
     * @param id a user id
     * @return completes with the user, or empty if there is none (any more); a failed stage fails
     *     the request with 500
     */
    CompletionStage<? extends Optional<? extends User>> load(String id);
}
