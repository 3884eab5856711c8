package dev.notify.jwt;

import dev.notify.auth.User;
import java.util.Map;
import java.util.Objects;

/**
 * The user a verified token stands for when no {@code UserLoader} was given: its subject and its
 * claims.
 *
 * @param id the token's {@code sub}
 * @param claims every claim of the token, as JSON values (strings, numbers, booleans, lists, maps)
 * @since 0.1
 */
public record JwtUser(String id, Map<String, Object> claims) implements User {
    /**
     * Checks and copies the fields.
     *
     * @param id the token's {@code sub}
     * @param claims every claim of the token, as JSON values (strings, numbers, booleans, lists, maps)
     */
    public JwtUser {
        Objects.requireNonNull(id, "id");
        claims = Map.copyOf(claims);
    }
}
