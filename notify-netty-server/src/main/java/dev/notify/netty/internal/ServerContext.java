package dev.notify.netty.internal;

import dev.notify.core.runtime.ConsumerRuntime;
import dev.notify.netty.NotifyServerOptions;
import io.netty.handler.codec.http.websocketx.WebSocketDecoderConfig;
import io.netty.handler.ssl.SslContext;

/**
 * What every connection of one server shares: the runtime, the options, the TLS context and its
 * HSTS header, the WebSocket decoder settings and the registry of live connections.
 */
public final class ServerContext {
    private final ConsumerRuntime runtime;
    private final NotifyServerOptions options;
    private final SslContext sslContext;
    private final WebSocketDecoderConfig decoderConfig;
    private final LiveConnections connections = new LiveConnections();
    private final StrictTransportSecurity hsts;

    /**
     * @param runtime the consumer runtime
     * @param options the server options
     * @param sslContext the TLS context, or {@code null} for plain TCP
     */
    public ServerContext(ConsumerRuntime runtime, NotifyServerOptions options, SslContext sslContext) {
        this.runtime = runtime;
        this.options = options;
        this.sslContext = sslContext;
        this.hsts = sslContext != null && !options.hstsMaxAge().isZero() ? new StrictTransportSecurity(options.hstsMaxAge()) : null;
        this.decoderConfig = WebSocketDecoderConfig.newBuilder()
                .maxFramePayloadLength(options.maxFramePayload())
                .allowExtensions(options.compression())
                .expectMaskedFrames(true)
                .allowMaskMismatch(false)
                .closeOnProtocolViolation(false) // the bridge sends the close frame, also after the client's close frame
                .withUTF8Validator(true)
                .build();
    }

    public ConsumerRuntime runtime() {
        return runtime;
    }

    public NotifyServerOptions options() {
        return options;
    }

    public SslContext sslContext() {
        return sslContext;
    }

    public WebSocketDecoderConfig decoderConfig() {
        return decoderConfig;
    }

    /** @return the handler adding the HSTS header, or {@code null} without TLS or with a max-age of 0 */
    StrictTransportSecurity hsts() {
        return hsts;
    }

    public LiveConnections connections() {
        return connections;
    }
}
