package dev.notify.bench.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetSocketAddress;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 10, unit = TimeUnit.SECONDS)
class SourceAddressesTest {
    @Test
    void theFirstBlockIsUnboundAndEachNextBlockHasTheNextAddress() {
        SourceAddresses sources = new SourceAddresses(25_000);

        assertThat(sources.forConnection(0)).isNull();
        assertThat(sources.forConnection(24_999)).isNull();
        assertThat(sources.forConnection(25_000)).isEqualTo(new InetSocketAddress("127.0.0.2", 0));
        assertThat(sources.forConnection(29_999)).isEqualTo(new InetSocketAddress("127.0.0.2", 0));
        assertThat(sources.forConnection(50_000)).isEqualTo(new InetSocketAddress("127.0.0.3", 0));
    }

    @Test
    void moreConnectionsThanTheLoopbackAddressesHoldFailUpFront() {
        SourceAddresses sources = new SourceAddresses(10);
        sources.check(2540);

        assertThatThrownBy(() -> sources.check(2541)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("2541 connections need more source addresses");
        assertThatThrownBy(() -> new SourceAddresses(0)).hasMessageContaining("must be > 0 but was 0");
    }

    @Test
    void theDefaultLeavesPortsForOtherSockets() {
        assertThat(SourceAddresses.defaultPerAddress()).isBetween(1, 65_535);
    }
}
