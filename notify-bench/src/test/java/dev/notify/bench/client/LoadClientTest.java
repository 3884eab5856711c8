package dev.notify.bench.client;

import static org.assertj.core.api.Assertions.assertThat;

import dev.notify.bench.ceiling.CeilingMode;
import dev.notify.bench.ceiling.CeilingServer;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The harness counts right: a tiny run against both ceiling servers, in this JVM, on 127.0.0.1. */
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
    @EnumSource(CeilingMode.class)
    @DisplayName("every connection gets every message of a burst exactly once, each with a latency")
    void countsEveryDelivery(CeilingMode mode) throws Exception {
        try (CeilingServer server = CeilingServer.start(0, mode, 100);
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

    @Test
    @DisplayName("connections that left before the burst are counted as missing all of it")
    void countsMissingMessages() throws Exception {
        try (CeilingServer server = CeilingServer.start(0, CeilingMode.BATCHED, 100);
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

    @Test
    @DisplayName("echo mode measures one round trip per reply, on every connection")
    void measuresRoundTrips() throws Exception {
        try (CeilingServer server = CeilingServer.start(0, CeilingMode.FLUSH_EACH, 100);
             Connections connections = client.connect(server.port(), "/ws/test/", 2, 1000, TIMEOUT)) {
            EchoResult result = client.echo(connections, 10, 50, TIMEOUT);

            assertThat(result.roundTrips()).isEqualTo(100);
            assertThat(result.latency().count()).isEqualTo(100);
            assertThat(result.latency().p50()).isPositive();
        }
    }
}
