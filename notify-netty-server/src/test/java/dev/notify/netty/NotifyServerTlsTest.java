package dev.notify.netty;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.notify.core.routing.Router;
import dev.notify.inmemory.InMemoryChannelLayer;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Keys and certificates made by {@code openssl} for each run: a PEM pair (plain and encrypted) and a PKCS#12 key store. */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
@DisplayName("NotifyServer serves HTTPS and WSS from PEM files or a PKCS#12 key store, with HSTS")
class NotifyServerTlsTest {
    private static final String PASSWORD = "s3cret pass";

    @TempDir
    static Path dir;
    private static Path cert;
    private static Path key;
    private static Path encryptedKey;
    private static Path keyStore;

    @BeforeAll
    static void makeKeys() throws Exception {
        cert = dir.resolve("cert.pem");
        key = dir.resolve("key.pem");
        encryptedKey = dir.resolve("key-encrypted.pem");
        keyStore = dir.resolve("server.p12");
        openssl("req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", key.toString(), "-out", cert.toString(),
                "-days", "1", "-subj", "/CN=localhost", "-addext", "subjectAltName=IP:127.0.0.1,DNS:localhost");
        openssl("pkcs8", "-topk8", "-v2", "aes-256-cbc", "-in", key.toString(), "-out", encryptedKey.toString(),
                "-passout", "pass:" + PASSWORD);
        openssl("pkcs12", "-export", "-in", cert.toString(), "-inkey", key.toString(), "-out", keyStore.toString(),
                "-name", "notify", "-passout", "pass:" + PASSWORD);
        assertThat(Files.readString(encryptedKey)).startsWith("-----BEGIN ENCRYPTED PRIVATE KEY-----");
    }

    private static void openssl(String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of("openssl"));
        command.addAll(List.of(args));
        Process openssl = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(openssl.getInputStream().readAllBytes());
        assertThat(openssl.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(openssl.exitValue()).as("openssl " + String.join(" ", args) + ": " + output).isZero();
    }

    @Test
    @DisplayName("a PEM chain and an unencrypted PKCS#8 key: HTTPS and WSS on one port, with HSTS")
    void pem() throws Exception {
        assertServes(o -> o.tls(cert, key), "max-age=31536000");
    }

    @Test
    @DisplayName("a PEM chain and an encrypted PKCS#8 key with its password")
    void encryptedPem() throws Exception {
        assertServes(o -> o.tls(cert, encryptedKey, PASSWORD), "max-age=31536000");
    }

    @Test
    @DisplayName("a PKCS#12 key store with its password, and a shorter HSTS max-age")
    void pkcs12() throws Exception {
        assertServes(o -> o.tlsKeyStore(keyStore, PASSWORD).hstsMaxAge(Duration.ofDays(1)), "max-age=86400");
    }

    @Test
    @DisplayName("HSTS max-age 0 sends no header; nor does a server without TLS")
    void noHsts() throws Exception {
        assertServes(o -> o.tls(cert, key).hstsMaxAge(Duration.ZERO), null);
        try (TestApp plain = new TestApp()) {
            HttpResponse<String> response = plain.http.send(HttpRequest.newBuilder(plain.uri("/hello")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(response.headers().firstValue("Strict-Transport-Security")).isEmpty();
        }
    }

    /** Serves HTTPS (a handler's answer and the server's own 404) and WSS; the HSTS header, or none. */
    private static void assertServes(UnaryOperator<NotifyServerOptions.Builder> tls, String hsts) throws Exception {
        try (TestApp app = new TestApp(tls)) {
            HttpClient https = HttpClient.newBuilder().sslContext(trusting(cert)).build();
            for (String path : List.of("/hello", "/no-such-page")) {
                HttpResponse<String> response = https.send(HttpRequest.newBuilder(URI.create("https://127.0.0.1:" + app.port + path))
                        .build(), HttpResponse.BodyHandlers.ofString());
                assertThat(response.statusCode()).isEqualTo(path.equals("/hello") ? 200 : 404);
                assertThat(response.headers().firstValue("Strict-Transport-Security")).isEqualTo(java.util.Optional.ofNullable(hsts));
            }
            try (WsClient client = WsClient.connect(https, URI.create("wss://127.0.0.1:" + app.port + "/ws/echo/"))) {
                client.send("secret");
                assertThat(client.receive()).isEqualTo("secret");
            }
        }
    }

    @Test
    @DisplayName("unreadable TLS files or a wrong password fail the start and name the files")
    void badFiles() throws Exception {
        Path badCert = Files.writeString(dir.resolve("bad-cert.pem"), "not a certificate");
        Path badKey = Files.writeString(dir.resolve("bad-key.pem"), "not a key");
        assertStartFails(o -> o.tls(badCert, badKey), "bad-cert.pem", "bad-key.pem");
        assertStartFails(o -> o.tls(cert, encryptedKey, "wrong"), "key-encrypted.pem", "password");
        assertStartFails(o -> o.tls(cert, encryptedKey), "key-encrypted.pem", "password");
        assertStartFails(o -> o.tlsKeyStore(keyStore, "wrong"), "server.p12", "password");
        assertStartFails(o -> o.tlsKeyStore(dir.resolve("missing.p12"), PASSWORD), "missing.p12");
    }

    private static void assertStartFails(UnaryOperator<NotifyServerOptions.Builder> tls, String... named) {
        try (InMemoryChannelLayer layer = InMemoryChannelLayer.create()) {
            NotifyServer server = NotifyServer.builder().router(Router.builder().build()).layer(layer)
                    .options(tls.apply(TestApp.fastOptions()).build()).build();
            assertThatThrownBy(server::start).isInstanceOf(IllegalArgumentException.class)
                    .satisfies(e -> assertThat(e.getMessage()).contains(named).doesNotContain(PASSWORD));
            server.close();
        }
    }

    @Test
    @DisplayName("the options never print a password")
    void passwordsStayHidden() {
        assertThat(NotifyServerOptions.builder().tls(cert, encryptedKey, PASSWORD).build().toString()).doesNotContain(PASSWORD);
        assertThat(NotifyServerOptions.builder().tlsKeyStore(keyStore, PASSWORD).build().toString()).doesNotContain(PASSWORD)
                .contains("server.p12");
    }

    private static SSLContext trusting(Path certificate) throws Exception {
        KeyStore trust = KeyStore.getInstance(KeyStore.getDefaultType());
        trust.load(null, null);
        try (InputStream in = Files.newInputStream(certificate)) {
            trust.setCertificateEntry("test", CertificateFactory.getInstance("X.509").generateCertificate(in));
        }
        TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        factory.init(trust);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, factory.getTrustManagers(), null);
        return context;
    }
}
