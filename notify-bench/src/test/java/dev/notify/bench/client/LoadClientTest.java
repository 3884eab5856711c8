package dev.notify.bench.client;

import static org.assertj.core.api.Assertions.assertThat;

import dev.notify.bench.NotifyBenchServer;
import dev.notify.bench.SendPlan;
import dev.notify.bench.bare.BareNettyServer;
import dev.notify.bench.bare.FlushPolicy;
import dev.notify.bench.process.ProcessStats;
import dev.notify.inmemory.InMemoryChannelLayer;
import dev.notify.layer.ChannelLayer;
import dev.notify.netty.NotifyServer;
import dev.notify.netty.NotifyServerOptions;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The harness counts right: tiny runs (20 connections, 5 messages) against the three bare servers and
 * notify on the in-memory layer, in this JVM, on 127.0.0.x.
 */
@Timeout(value = 2, unit = TimeUnit.MINUTES)
class LoadClientTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(10);
    private static LoadClient client;

    @BeforeAll
    static void startClient() {
        // 7 connections per source address, so 20 connections come from 127.0.0.1, .2 and .3
        client = new LoadClient(2, 7);
    }

    @AfterAll
    static void stopClient() {
        client.close();
    }

    @ParameterizedTest
    @ValueSource(strings = {"flush-each", "flush-per-turn", "whole-burst", "notify"})
    @DisplayName("every connection gets every message of a burst exactly once, each with a latency, and CPU is measured")
    void countsEveryDelivery(String kind) throws Exception {
        try (Server server = Server.start(kind);
             Connections connections = client.connect(server.port(), "/ws/test/", 20, 1000, TIMEOUT)) {
            assertThat(connections.size()).isEqualTo(20);
            assertThat(connections.failed()).isZero();
            assertThat(connections.awaitReady(TIMEOUT)).isZero();

            FanOutResult first = client.fanOut(connections, server.port(), new SendPlan(5, 0), TIMEOUT, ProcessStats::ownCpuNanos);
            FanOutResult second = client.fanOut(connections, server.port(), new SendPlan(5, 0), TIMEOUT, ProcessStats::ownCpuNanos);

            for (FanOutResult result : new FanOutResult[] {first, second}) {
                assertThat(result.delivered()).isEqualTo(100);
                assertThat(result.missing()).isZero();
                assertThat(result.connectionsMissing()).isZero();
                assertThat(result.repeated()).isZero();
                assertThat(result.latency().count()).isEqualTo(100);
                assertThat(result.deliveriesPerSecond()).isPositive();
                assertThat(result.clientCpuNanos()).isNotNegative();
                assertThat(result.serverMicrosPerDelivery()).isNotNegative();
            }
        }
    }

    @Test
    @DisplayName("past the connections of one source address, the next come from 127.0.0.2, 127.0.0.3, …")
    void spreadsConnectionsOverSourceAddresses() throws Exception {
        try (Server server = Server.start("whole-burst");
             Connections connections = client.connect(server.port(), "/ws/test/", 20, 1000, TIMEOUT)) {
            Set<String> sources = new TreeSet<>();
            for (ClientConnection connection : connections.open) {
                sources.add(((InetSocketAddress) connection.channel().localAddress()).getAddress().getHostAddress());
            }

            assertThat(sources).containsExactly("127.0.0.1", "127.0.0.2", "127.0.0.3");
            assertThat(client.fanOut(connections, server.port(), new SendPlan(5, 0), TIMEOUT, () -> -1).missing()).isZero();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"whole-burst", "notify"})
    @DisplayName("a paced run sends at the fixed rate and every message arrives")
    void pacedRun(String kind) throws Exception {
        try (Server server = Server.start(kind);
             Connections connections = client.connect(server.port(), "/ws/test/", 10, 1000, TIMEOUT)) {
            assertThat(connections.awaitReady(TIMEOUT)).isZero();

            FanOutResult result = client.fanOut(connections, server.port(), new SendPlan(20, 5_000), TIMEOUT, () -> -1);

            assertThat(result.delivered()).isEqualTo(200);
            assertThat(result.latency().count()).isEqualTo(200);
            // message 20 is due 19 × 5 ms after the first
            assertThat(result.sending()).isGreaterThanOrEqualTo(Duration.ofMillis(95));
            assertThat(result.serverMicrosPerDelivery()).isNaN();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"flush-per-turn", "whole-burst", "notify"})
    @DisplayName("connections that left before the burst are counted as missing all of it")
    void countsMissingMessages(String kind) throws Exception {
        try (Server server = Server.start(kind);
             Connections connections = client.connect(server.port(), "/ws/test/", 20, 1000, TIMEOUT)) {
            assertThat(connections.awaitReady(TIMEOUT)).isZero();
            connections.open.get(0).channel().close().sync();
            connections.open.get(1).channel().close().sync();

            FanOutResult result = client.fanOut(connections, server.port(), new SendPlan(5, 0), Duration.ofSeconds(1), () -> -1);

            assertThat(result.delivered()).isEqualTo(90);
            assertThat(result.missing()).isEqualTo(10);
            assertThat(result.connectionsMissing()).isEqualTo(2);
            assertThat(result.maxMissingPerConnection()).isEqualTo(5);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"flush-each", "notify"})
    @DisplayName("echo mode measures one round trip per reply, on every connection")
    void measuresRoundTrips(String kind) throws Exception {
        try (Server server = Server.start(kind);
             Connections connections = client.connect(server.port(), "/ws/test/", 2, 1000, TIMEOUT)) {
            EchoResult result = client.echo(connections, 10, 50, TIMEOUT);

            assertThat(result.roundTrips()).isEqualTo(100);
            assertThat(result.latency().count()).isEqualTo(100);
            assertThat(result.latency().p50()).isPositive();
        }
    }

    @Test
    @DisplayName("the client answers the server's pings, so a silent connection outlives the ping timeout")
    void answersPings() throws Exception {
        ChannelLayer layer = InMemoryChannelLayer.create();
        NotifyServerOptions pingsOften = NotifyServerOptions.builder().port(0)
                .pingInterval(Duration.ofMillis(100)).pingTimeout(Duration.ofMillis(300)).build();
        NotifyServer server = NotifyBenchServer.start(layer, pingsOften, 100);
        try (Connections connections = client.connect(server.port(), "/ws/test/", 5, 1000, TIMEOUT)) {
            assertThat(connections.awaitReady(TIMEOUT)).isZero();
            // silent for ten ping timeouts, without pongs the server would drop every connection: nothing to
            // await, the time passing is the test
            TimeUnit.SECONDS.sleep(3);

            FanOutResult result = client.fanOut(connections, server.port(), new SendPlan(5, 0), TIMEOUT, () -> -1);

            assertThat(result.delivered()).isEqualTo(25);
            assertThat(result.repeated()).isZero();
        } finally {
            server.close();
            layer.closeAsync().toCompletableFuture().join();
        }
    }

    @Test
    @DisplayName("a path the server does not serve fails the handshake and counts as a failed connection")
    void refusedHandshakeIsAFailure() throws Exception {
        try (Server server = Server.start("whole-burst");
             Connections connections = client.connect(server.port(), "/nowhere/", 3, 1000, TIMEOUT)) {
            assertThat(connections.size()).isZero();
            assertThat(connections.failed()).isEqualTo(3);
        }
    }

    /** A server of the comparison, started in this JVM on a free port. */
    private interface Server extends AutoCloseable {
        int port();

        @Override
        void close();

        static Server start(String kind) throws InterruptedException {
            if (kind.equals("notify")) {
                ChannelLayer layer = InMemoryChannelLayer.create();
                NotifyServer notify = NotifyBenchServer.start(layer, 0, 100);
                return new Server() {
                    @Override
                    public int port() {
                        return notify.port();
                    }

                    @Override
                    public void close() {
                        notify.close();
                        layer.closeAsync().toCompletableFuture().join();
                    }
                };
            }
            BareNettyServer bare = BareNettyServer.start(0, FlushPolicy.of(kind), 100);
            return new Server() {
                @Override
                public int port() {
                    return bare.port();
                }

                @Override
                public void close() {
                    bare.close();
                }
            };
        }
    }
}
