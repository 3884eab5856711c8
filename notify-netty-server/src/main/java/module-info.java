/**
 * The Netty server that hosts notify consumers and HTTP handlers on one port.
 */
module dev.notify.netty {
    // API
    requires transitive dev.notify.core;
    exports dev.notify.netty;

    // Internal: dev.notify.netty.internal is not exported

    // Implementation
    requires org.slf4j;
    requires io.netty.buffer;
    requires io.netty.common;
    requires io.netty.transport;
    requires io.netty.transport.classes.epoll;
    requires io.netty.codec;
    requires io.netty.codec.http;
    requires io.netty.codec.compression;
    requires io.netty.handler;
    // optional: only NotifyServer.Builder.meterRegistry(...) needs it
    requires static micrometer.core;
}
