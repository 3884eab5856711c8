package dev.notify.nats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.notify.config.InvalidConfigurationException;
import dev.notify.config.NotifyConfig;
import dev.notify.core.ChannelLayers;
import dev.notify.layer.BlockingChannelLayer;
import dev.notify.layer.ChannelLayer;
import dev.notify.layer.ChannelLayerException;
import dev.notify.layer.Message;
import dev.notify.tck.ServerProcess;
import io.nats.client.NKey;
import io.nats.client.support.JwtUtils;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(120)
class NatsLayerProviderTest {
    private static final Duration WAIT = Duration.ofSeconds(5);

    @TempDir
    Path directory;

    /** Sends to a channel of the layer and receives it back: the connection works. */
    private static void assertWorks(ChannelLayer layer) {
        BlockingChannelLayer blocking = layer.blocking(WAIT);
        String channel = blocking.newChannel("specific");
        blocking.send(channel, Message.of("it.works"));
        assertThat(blocking.receive(channel).type()).isEqualTo("it.works");
    }

    @Test
    @DisplayName("notify.layer=nats selects this layer through ServiceLoader, configured by notify.nats.*")
    void selectedByConfiguration() {
        try (NatsServer nats = NatsServer.spawn();
             ChannelLayer layer = ChannelLayers.fromConfig(NotifyConfig.fromMap(Map.of(
                     "notify.layer", "nats", "notify.nats.url", nats.url(), "notify.nats.prefix", "app.one")))) {
            assertThat(layer).isInstanceOf(NatsChannelLayer.class);
            assertThat(((NatsChannelLayer) layer).options().prefix()).isEqualTo("app.one");
            assertWorks(layer);
        }
    }

    @Test
    @DisplayName("every key is read; several URLs make one cluster")
    void readsEveryKey() throws Exception {
        Path creds = Files.writeString(directory.resolve("user.creds"), "x");
        Path ca = Files.writeString(directory.resolve("ca.pem"), "x");
        NatsLayerOptions options = NatsLayerOptions.fromConfig(NotifyConfig.fromMap(Map.of(
                "notify.nats.url", "nats://127.0.0.1:7001, nats://u:secret@127.0.0.1:7002",
                "notify.nats.prefix", "myapp.notify",
                "notify.nats.capacity", "50",
                "notify.nats.channel-capacity", "http.request=200,websocket.*=20",
                "notify.nats.expiry", "30s",
                "notify.nats.group-expiry", "2h",
                "notify.nats.credentials", creds.toString(),
                "notify.nats.tls-ca", ca.toString())));
        assertThat(options.urls()).containsExactly("nats://127.0.0.1:7001", "nats://u:secret@127.0.0.1:7002");
        assertThat(options.prefix()).isEqualTo("myapp.notify");
        assertThat(options.capacity()).isEqualTo(50);
        assertThat(options.channelCapacity()).containsExactly(Map.entry("http.request", 200), Map.entry("websocket.*", 20));
        assertThat(options.expiry()).isEqualTo(Duration.ofSeconds(30));
        assertThat(options.groupExpiry()).isEqualTo(Duration.ofHours(2));
        assertThat(options.credentials()).contains(creds);
        assertThat(options.tlsCa()).contains(ca);
        assertThat(options.toString()).doesNotContain("secret").contains("nats://***@127.0.0.1:7002");
        assertThat(NatsLayerOptions.fromConfig(NotifyConfig.EMPTY)).isEqualTo(NatsLayerOptions.builder().build());
        assertThat(NatsLayerOptions.builder().build().urls()).containsExactly("nats://127.0.0.1:4222");
    }

    @Test
    @DisplayName("bad values are all reported at once, with the key, the value and what is expected")
    void reportsEveryBadKeyTogether() {
        assertThatThrownBy(() -> NatsLayerOptions.fromConfig(NotifyConfig.fromMap(Map.of(
                "notify.nats.url", "http://nope:4222",
                "notify.nats.prefix", "my app",
                "notify.nats.capacity", "0",
                "notify.nats.expiry", "soon",
                "notify.nats.credentials", directory.resolve("missing.creds").toString()))))
                .isInstanceOfSatisfying(InvalidConfigurationException.class, e -> assertThat(e.problems())
                        .hasSize(5)
                        .anySatisfy(p -> assertThat(p).startsWith("notify.nats.url=http://nope:4222 must be NATS URLs"))
                        .anySatisfy(p -> assertThat(p).startsWith("notify.nats.prefix=my app must be subject tokens"))
                        .anySatisfy(p -> assertThat(p).startsWith("notify.nats.capacity=0"))
                        .anySatisfy(p -> assertThat(p).startsWith("notify.nats.expiry=soon"))
                        .anySatisfy(p -> assertThat(p).startsWith("notify.nats.credentials=").contains("readable file")));
        assertThatThrownBy(() -> ChannelLayers.fromConfig(NotifyConfig.fromMap(Map.of(
                "notify.layer", "nats", "notify.nats.uri", "nats://127.0.0.1:4222"))))
                .isInstanceOf(InvalidConfigurationException.class)
                .hasMessageContaining("notify.nats.uri is not an option of the 'nats' layer")
                .hasMessageContaining("notify.nats.url");
    }

    @Test
    @DisplayName("the builder refuses bad values one by one, naming them")
    void builderRefusesBadValues() {
        assertThatThrownBy(() -> NatsChannelLayer.builder().urls()).hasMessageContaining("at least one NATS server");
        assertThatThrownBy(() -> NatsChannelLayer.builder().urls("redis://127.0.0.1:6379"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'redis://127.0.0.1:6379'");
        for (String prefix : new String[] {"", "a..b", ".a", "a.", "a.*", "a.>", "a b"}) {
            assertThatThrownBy(() -> NatsChannelLayer.builder().prefix(prefix))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'" + prefix + "'");
        }
        assertThatThrownBy(() -> NatsChannelLayer.builder().capacity(0)).hasMessageContaining("capacity must be > 0");
        assertThatThrownBy(() -> NatsChannelLayer.builder().channelCapacity("x.*", -1)).hasMessageContaining("'x.*'");
        assertThatThrownBy(() -> NatsChannelLayer.builder().expiry(Duration.ZERO)).hasMessageContaining("expiry must be > 0");
        assertThatThrownBy(() -> NatsChannelLayer.builder().credentials(directory.resolve("none")))
                .hasMessageContaining("credentials must be a readable file");
        assertThatThrownBy(() -> NatsChannelLayer.builder().tlsCa(directory)).hasMessageContaining("tlsCa must be a readable file");
    }

    @Test
    @DisplayName("an unreachable server fails the start with the address and what to do, never with the password")
    void unreachableServerFailsAtStart() throws Exception {
        int port = ServerProcess.freePort();
        assertThatThrownBy(() -> new NatsLayerProvider().create(NotifyConfig.fromMap(Map.of(
                "notify.nats.url", "nats://me:hunter2@127.0.0.1:" + port))))
                .isInstanceOf(ChannelLayerException.class)
                .hasMessageContaining("cannot connect to NATS at [nats://***@127.0.0.1:" + port + "]")
                .hasMessageContaining("start nats-server there")
                .hasMessageNotContaining("hunter2");
    }

    @Test
    @DisplayName("a user and password in the URL; a wrong password is refused without being echoed")
    void userAndPassword() {
        try (NatsServer nats = NatsServer.spawn("--user", "app", "--pass", "s3cret-pass")) {
            String authority = "127.0.0.1:" + nats.port();
            try (NatsChannelLayer layer = NatsChannelLayer.create("nats://app:s3cret-pass@" + authority)) {
                assertWorks(layer);
            }
            assertThatThrownBy(() -> NatsChannelLayer.create("nats://app:wrong-pass@" + authority))
                    .isInstanceOf(ChannelLayerException.class)
                    .hasMessageContaining("Authorization Violation")
                    .hasMessageNotContaining("wrong-pass");
            assertThatThrownBy(() -> NatsChannelLayer.create("nats://" + authority)).isInstanceOf(ChannelLayerException.class);
        }
    }

    @Test
    @DisplayName("TLS: tls-ca names the authority to trust; a server that requires TLS refuses a plain or untrusting client")
    void tls() throws Exception {
        Path cert = directory.resolve("cert.pem");
        Path key = directory.resolve("key.pem");
        Process openssl = new ProcessBuilder("openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes",
                "-keyout", key.toString(), "-out", cert.toString(), "-days", "1", "-subj", "/CN=localhost",
                "-addext", "subjectAltName=IP:127.0.0.1,DNS:localhost")
                .redirectErrorStream(true).start();
        String output = new String(openssl.getInputStream().readAllBytes());
        assertThat(openssl.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(openssl.exitValue()).as("openssl: " + output).isZero();

        try (NatsServer nats = NatsServer.spawn("--tls", "--tlscert", cert.toString(), "--tlskey", key.toString())) {
            try (ChannelLayer layer = new NatsLayerProvider().create(NotifyConfig.fromMap(Map.of(
                    "notify.nats.url", nats.url(), "notify.nats.tls-ca", cert.toString())))) {
                assertWorks(layer);
            }
            assertThatThrownBy(() -> NatsChannelLayer.create(nats.url())).isInstanceOf(ChannelLayerException.class);
            assertThatThrownBy(() -> NatsChannelLayer.create("tls://127.0.0.1:" + nats.port()))
                    .as("the JVM's default authorities do not know this certificate")
                    .isInstanceOf(ChannelLayerException.class);
        }
    }

    @Test
    @DisplayName("a credentials file (user JWT + NKey seed) logs in to a server in operator mode")
    void credentialsFile() throws Exception {
        NKey operator = NKey.createOperator(null);
        NKey account = NKey.createAccount(null);
        NKey user = NKey.createUser(null);
        String operatorKey = new String(operator.getPublicKey());
        String accountKey = new String(account.getPublicKey());
        long now = Instant.now().getEpochSecond();
        String operatorJwt = JwtUtils.issueJWT(operator, operatorKey, "test-operator", null, now, operatorKey,
                () -> "{\"type\":\"operator\",\"version\":2}");
        String accountJwt = JwtUtils.issueJWT(operator, accountKey, "test-account", null, now, operatorKey,
                () -> "{\"type\":\"account\",\"version\":2,\"limits\":{\"subs\":-1,\"data\":-1,\"payload\":-1,"
                        + "\"imports\":-1,\"exports\":-1,\"wildcards\":true,\"conn\":-1,\"leaf\":-1}}");
        String userJwt = JwtUtils.issueUserJWT(account, accountKey, new String(user.getPublicKey()));
        Path config = Files.writeString(directory.resolve("operator.conf"), "operator: " + operatorJwt + "\n"
                + "resolver: MEMORY\nresolver_preload: {\n  " + accountKey + ": " + accountJwt + "\n}\n");
        Path creds = Files.writeString(directory.resolve("user.creds"), "-----BEGIN NATS USER JWT-----\n" + userJwt
                + "\n------END NATS USER JWT------\n\n-----BEGIN USER NKEY SEED-----\n" + new String(user.getSeed())
                + "\n------END USER NKEY SEED------\n");

        try (NatsServer nats = NatsServer.spawn("-c", config.toString())) {
            try (ChannelLayer layer = new NatsLayerProvider().create(NotifyConfig.fromMap(Map.of(
                    "notify.nats.url", nats.url(), "notify.nats.credentials", creds.toString())))) {
                assertWorks(layer);
            }
            assertThatThrownBy(() -> NatsChannelLayer.create(nats.url())).as("no credentials")
                    .isInstanceOf(ChannelLayerException.class);
        }
    }
}
