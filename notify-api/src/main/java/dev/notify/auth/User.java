package dev.notify.auth;

/**
 * A signed-in user, as authentication middleware puts it on the scope ({@code Scope.user()}).
 * Applications implement it with their own user type and read it back typed with
 * {@code scope.user(MyUser.class)}. An anonymous request or connection has no user.
 *
 * @since 0.1
 */
@FunctionalInterface
public interface User {
    /**
     * @return the user's stable id: what a session records at login and what a token names as its
     *     subject ({@code sub})
     */
    String id();
}
