package dev.notify.netty.internal;

import dev.notify.metrics.MeterSink;
import dev.notify.metrics.MeterSource;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.IntSupplier;

/**
 * The server's counts, kept whether or not a metrics library reads them (a few adders, updated
 * once per handshake, per close, per read message and per write batch), and described as the
 * {@code notify.connections.*} and {@code notify.websocket.*} meters.
 */
public final class ServerMetrics implements MeterSource {
    private final IntSupplier openConnections;
    private final AtomicInteger openWebSockets = new AtomicInteger();
    private final LongAdder accepted = new LongAdder();
    private final LongAdder rejected = new LongAdder();
    private final LongAdder failed = new LongAdder();
    private final LongAdder framesIn = new LongAdder();
    private final LongAdder framesOut = new LongAdder();
    private final LongAdder bytesIn = new LongAdder();
    private final LongAdder bytesOut = new LongAdder();
    private final LongAdder slowClientCloses = new LongAdder();

    /** @param openConnections reads the open TCP connections, WebSockets included */
    public ServerMetrics(IntSupplier openConnections) {
        this.openConnections = openConnections;
    }

    @Override
    public void describeMeters(MeterSink sink) {
        sink.gauge("notify.connections.open", "open connections, by protocol", openWebSockets::get, "protocol", "websocket");
        sink.gauge("notify.connections.open", "open connections, by protocol",
                () -> Math.max(0, openConnections.getAsInt() - openWebSockets.get()), "protocol", "http");
        String handshakes = "WebSocket handshakes: accepted, rejected (4xx) or failed (5xx)";
        sink.counter("notify.websocket.handshakes", handshakes, accepted::sum, "outcome", "accepted");
        sink.counter("notify.websocket.handshakes", handshakes, rejected::sum, "outcome", "rejected");
        sink.counter("notify.websocket.handshakes", handshakes, failed::sum, "outcome", "failed");
        sink.counter("notify.websocket.frames", "WebSocket messages, by direction", framesIn::sum, "direction", "in");
        sink.counter("notify.websocket.frames", "WebSocket messages, by direction", framesOut::sum, "direction", "out");
        sink.counter("notify.websocket.bytes", "WebSocket message payload bytes, by direction", bytesIn::sum, "direction", "in");
        sink.counter("notify.websocket.bytes", "WebSocket message payload bytes, by direction", bytesOut::sum, "direction", "out");
        sink.counter("notify.websocket.slow.client.closes", "WebSockets closed with 1013 for not reading fast enough",
                slowClientCloses::sum);
    }

    /** A handshake was accepted: one more open WebSocket. */
    void opened() {
        accepted.increment();
        openWebSockets.incrementAndGet();
    }

    /** An open WebSocket ended. */
    void closed() {
        openWebSockets.decrementAndGet();
    }

    /** @param status the HTTP status a handshake was refused with */
    void refused(int status) {
        (status >= 500 ? failed : rejected).increment();
    }

    /** @param bytes the payload of one message from a client */
    void received(int bytes) {
        framesIn.increment();
        bytesIn.add(bytes);
    }

    /**
     * @param frames messages written to clients in one batch
     * @param bytes their payload bytes
     */
    void sent(int frames, long bytes) {
        framesOut.add(frames);
        bytesOut.add(bytes);
    }

    /** A client was closed with 1013 for not reading. */
    void slowClientClosed() {
        slowClientCloses.increment();
    }
}
