package dev.notify.bench.client;

import static org.assertj.core.api.Assertions.assertThat;

import dev.notify.bench.NotifyBenchServer;
import dev.notify.bench.ceiling.CeilingMode;
import dev.notify.bench.ceiling.CeilingServer;
import dev.notify.inmemory.InMemoryChannelLayer;
import dev.notify.layer.ChannelLayer;
import dev.notify.netty.NotifyServer;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The harness counts right: tiny runs (20 connections, 5 messages) against both ceiling servers and
 * notify on the in-memory layer, in this JVM, on 127.0.0.1.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class LoadClientTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(10);
    private static LoadClient client;

    @BeforeAll
    static void startClient() {
        client = new LoadClient(1);
    }

    @AfterAll
    static void stopClient() {
        client.close();
    }

    @ParameterizedTest
    @ValueSource(strings = {"flush-each", "batched", "notify"})
    @DisplayName("every connection gets every message of a burst exactly once, each with a latency")
    void countsEveryDelivery(String kind) throws Exception {
        try (Server server = Server.start(kind);
             Connections connections = client.connect(server.port(), "/ws/test/", 20, 1000, TIMEOUT)) {
            assertThat(connections.size()).isEqualTo(20);
            assertThat(connections.failed()).isZero();
            assertThat(connections.awaitReady(TIMEOUT)).isZero();

            FanOutResult first = client.fanOut(connections, server.port(), 5, TIMEOUT);
            FanOutResult second = client.fanOut(connections, server.port(), 5, TIMEOUT);

            for (FanOutResult result : new FanOutResult[] {first, second}) {
                assertThat(result.delivered()).isEqualTo(100);
                assertThat(result.missing()).isZero();
                assertThat(result.connectionsMissing()).isZero();
                assertThat(result.duplicates()).isZero();
                assertThat(result.latency().count()).isEqualTo(100);
                assertThat(result.deliveriesPerSecond()).isPositive();
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"batched", "notify"})
    @DisplayName("connections that left before the burst are counted as missing all of it")
    void countsMissingMessages(String kind) throws Exception {
        try (Server server = Server.start(kind);
             Connections connections = client.connect(server.port(), "/ws/test/", 20, 1000, TIMEOUT)) {
            assertThat(connections.awaitReady(TIMEOUT)).isZero();
            connections.open.get(0).channel().close().sync();
            connections.open.get(1).channel().close().sync();

            FanOutResult result = client.fanOut(connections, server.port(), 5, Duration.ofSeconds(1));

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
            CeilingServer ceiling = CeilingServer.start(0, CeilingMode.of(kind), 100);
            return new Server() {
                @Override
                public int port() {
                    return ceiling.port();
                }

                @Override
                public void close() {
                    ceiling.close();
                }
            };
        }
    }
}
