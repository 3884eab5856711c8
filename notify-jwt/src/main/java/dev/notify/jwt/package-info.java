/**
 * Token authentication at connect: {@link dev.notify.jwt.JwtAuthentication} verifies a JWT (HS256
 * with a shared secret, RS256 or ES256 with public keys from a PEM or JWKS file) and puts its
 * subject on the scope as the user, as Socket.IO, Phoenix and Centrifugo do at connect.
 */
package dev.notify.jwt;
