/**
 * Token authentication at connect for notify: JWTs from {@code Authorization: Bearer}, a
 * {@code ?token=} query parameter or a {@code Sec-WebSocket-Protocol} entry, verified with
 * nimbus-jose-jwt.
 */
module dev.notify.jwt {
    requires transitive dev.notify.core;
    requires com.nimbusds.jose.jwt;
    requires org.slf4j;

    // API
    exports dev.notify.jwt;
}
