package dev.notify.netty;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.notify.config.InvalidConfigurationException;
import dev.notify.config.NotifyConfig;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 10, unit = TimeUnit.SECONDS)
@DisplayName("NotifyServerOptions")
class NotifyServerOptionsTest {

    @Test
    @DisplayName("the defaults are daphne's where daphne has one")
    void defaults() {
        NotifyServerOptions o = NotifyServerOptions.defaults();
        assertThat(o.host()).isEqualTo("127.0.0.1");
        assertThat(o.port()).isEqualTo(8000);
        assertThat(o.maxFramePayload()).isEqualTo(1024 * 1024);
        assertThat(o.pingInterval()).isEqualTo(Duration.ofSeconds(20));
        assertThat(o.pingTimeout()).isEqualTo(Duration.ofSeconds(30));
        assertThat(o.requestReadTimeout()).isEqualTo(Duration.ofSeconds(30));
        assertThat(o.webSocketSendBuffer()).isEqualTo(128 * 1024);
        assertThat(o.compression()).isTrue();
        assertThat(o.tls()).isFalse();
        assertThat(o.transport()).isEqualTo(NotifyServerOptions.Transport.AUTO);
        assertThat(o.toBuilder().build()).isEqualTo(o);
    }

    @Test
    @DisplayName("a bad argument fails at once, naming the option and the value")
    void failFast() {
        assertThatThrownBy(() -> NotifyServerOptions.builder().port(70000)).hasMessage("port must be in 0..65535 but was 70000");
        assertThatThrownBy(() -> NotifyServerOptions.builder().maxFramePayload(0)).hasMessage("maxFramePayload must be > 0 but was 0");
        assertThatThrownBy(() -> NotifyServerOptions.builder().pingTimeout(Duration.ZERO)).hasMessage("pingTimeout must be > 0 but was PT0S");
        assertThatThrownBy(() -> NotifyServerOptions.builder().host(" ")).hasMessage("host must not be blank");
        assertThat(NotifyServerOptions.builder().pingInterval(Duration.ZERO).build().pingInterval()).isZero();
    }

    @Test
    @DisplayName("notify.server.* keys, in either spelling, map onto the options")
    void fromConfig() {
        NotifyConfig config = NotifyConfig.fromMap(Map.of(
                "notify.server.host", "0.0.0.0",
                "notify.server.port", "9001",
                "notify.server.max-frame-size", "65536",
                "notify.server.ping-interval", "5s",
                "notify.server.ping-timeout", "PT10S",
                "notify.server.compression", "false",
                "notify.server.tls-cert", "cert.pem",
                "notify.server.tls-key", "key.pem",
                "notify.server.transport", "nio",
                "notify.server.shutdown-grace", "0"))
                .overriding(NotifyConfig.fromEnvironment(Map.of("NOTIFY_SERVER_MAX_OUTBOUND_BUFFER", "4096",
                        "NOTIFY_SERVER_REQUEST_READ_TIMEOUT", "45s", "NOTIFY_SERVER_WEBSOCKET_SEND_BUFFER", "0")));
        NotifyServerOptions o = NotifyServerOptions.fromConfig(config);
        assertThat(o.host()).isEqualTo("0.0.0.0");
        assertThat(o.port()).isEqualTo(9001);
        assertThat(o.maxFramePayload()).isEqualTo(65536);
        assertThat(o.pingInterval()).isEqualTo(Duration.ofSeconds(5));
        assertThat(o.pingTimeout()).isEqualTo(Duration.ofSeconds(10));
        assertThat(o.requestReadTimeout()).isEqualTo(Duration.ofSeconds(45));
        assertThat(o.compression()).isFalse();
        assertThat(o.tlsKeys()).isEqualTo(new NotifyServerOptions.TlsKeys.Pem(Path.of("cert.pem"), Path.of("key.pem"), null));
        assertThat(o.transport()).isEqualTo(NotifyServerOptions.Transport.NIO);
        assertThat(o.shutdownGrace()).isZero();
        assertThat(o.maxOutboundBuffer()).isEqualTo(4096);
        assertThat(o.webSocketSendBuffer()).isZero();
        assertThat(NotifyServerOptions.fromConfig(NotifyConfig.EMPTY)).isEqualTo(NotifyServerOptions.defaults());
    }

    @Test
    @DisplayName("TLS keys from an encrypted PEM key or a PKCS#12 key store, and the HSTS max-age, from configuration")
    void tlsFromConfig() {
        NotifyServerOptions pem = NotifyServerOptions.fromConfig(NotifyConfig.fromMap(Map.of(
                "notify.server.tls-cert", "cert.pem", "notify.server.tls-key", "key.pem", "notify.server.tls-key-password", "pw",
                "notify.server.hsts-max-age", "1d")));
        assertThat(pem.tlsKeys()).isEqualTo(new NotifyServerOptions.TlsKeys.Pem(Path.of("cert.pem"), Path.of("key.pem"), "pw"));
        assertThat(pem.hstsMaxAge()).isEqualTo(Duration.ofDays(1));
        NotifyServerOptions store = NotifyServerOptions.fromConfig(NotifyConfig.fromEnvironment(Map.of(
                "NOTIFY_SERVER_TLS_KEYSTORE", "server.p12", "NOTIFY_SERVER_TLS_KEYSTORE_PASSWORD", "pw")));
        assertThat(store.tlsKeys()).isEqualTo(new NotifyServerOptions.TlsKeys.KeyStore(Path.of("server.p12"), "pw"));
        assertThat(store.hstsMaxAge()).isEqualTo(Duration.ofDays(365));
        assertThat(store.toString()).doesNotContain("pw");

        assertThatThrownBy(() -> NotifyServerOptions.fromConfig(NotifyConfig.fromMap(Map.of(
                "notify.server.tls-cert", "cert.pem", "notify.server.tls-key", "key.pem", "notify.server.tls-keystore", "server.p12",
                "notify.server.tls-keystore-password", "pw", "notify.server.hsts-max-age", "-1s"))))
                .isInstanceOfSatisfying(InvalidConfigurationException.class, e -> assertThat(e.problems()).hasSize(2))
                .hasMessageContaining("either notify.server.tls-cert and notify.server.tls-key, or notify.server.tls-keystore")
                .hasMessageContaining("notify.server.hsts-max-age=-1s")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("=pw"));
    }

    @Test
    @DisplayName("every bad or unknown key is reported at once")
    void badConfig() {
        NotifyConfig config = NotifyConfig.fromMap(Map.of(
                "notify.server.port", "eighty",
                "notify.server.compression", "yes",
                "notify.server.transport", "kqueue",
                "notify.server.tls-cert", "cert.pem",
                "notify.server.max-frame", "1"));
        assertThatThrownBy(() -> NotifyServerOptions.fromConfig(config))
                .isInstanceOfSatisfying(InvalidConfigurationException.class, e -> assertThat(e.problems()).hasSize(5))
                .hasMessageContaining("notify.server.port=eighty")
                .hasMessageContaining("notify.server.compression=yes")
                .hasMessageContaining("notify.server.transport=kqueue")
                .hasMessageContaining("notify.server.tls-key")
                .hasMessageContaining("notify.server.max-frame is not a server option");
    }
}
