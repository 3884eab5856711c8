package dev.notify.bench.bare;

import dev.notify.bench.BenchPayload;
import dev.notify.bench.NettyTransport;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolConfig;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolHandler;
import java.net.InetSocketAddress;
import java.util.Objects;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * A bare Netty WebSocket server with the example app's interface: {@code /ws/test/} joins every
 * connection to one group and answers each text with {@link BenchPayload#DATA_RECEIVED};
 * {@code GET /home?count=K&delay=S} sends K {@link BenchPayload}s to the group from a trigger thread
 * (as notify's blocking handler does; with a delay at a fixed rate, see {@link dev.notify.bench.SendPlan})
 * and answers when the last was handed over. How the messages reach the members is its
 * {@link FlushPolicy}. Run it as {@code java -cp notify-bench.jar dev.notify.bench.bare.BareNettyServer
 * --flush flush-each|flush-per-turn|whole-burst [--port 0] [--payload 100]}; it prints
 * {@code READY port=<port>} once bound, and stops on SIGTERM.
 */
public final class BareNettyServer implements AutoCloseable {
    static final String WEBSOCKET_PATH = "/ws/test/";

    private final EventLoopGroup group;
    private final ExecutorService trigger;
    private final Channel server;

    private BareNettyServer(EventLoopGroup group, ExecutorService trigger, Channel server) {
        this.group = group;
        this.trigger = trigger;
        this.server = server;
    }

    /**
     * Binds a server on 127.0.0.1.
     *
     * @param port the port, 0 for a free one
     * @param policy how group messages are written and flushed
     * @param payloadSize the burst payload size in bytes
     * @return the running server
     * @throws InterruptedException if interrupted while binding
     */
    public static BareNettyServer start(int port, FlushPolicy policy, int payloadSize) throws InterruptedException {
        Objects.requireNonNull(policy, "policy");
        if (payloadSize < 1) {
            throw new IllegalArgumentException("payloadSize must be > 0 but was " + payloadSize);
        }
        EventLoopGroup loops = NettyTransport.group(0);
        ExecutorService trigger = Executors.newSingleThreadExecutor(r -> new Thread(r, "bare-netty-trigger"));
        Broadcaster group = Broadcaster.of(policy);
        WebSocketServerProtocolConfig ws = WebSocketServerProtocolConfig.newBuilder()
                .websocketPath(WEBSOCKET_PATH)
                .maxFramePayloadLength(65536)
                .build();
        ServerBootstrap bootstrap = new ServerBootstrap()
                .group(loops)
                .channel(NettyTransport.serverChannel())
                .option(ChannelOption.SO_BACKLOG, 4096)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        ch.pipeline().addLast(
                                new HttpServerCodec(),
                                new HttpObjectAggregator(65536),
                                new WebSocketServerProtocolHandler(ws),
                                new BareNettyHandler(group, trigger, payloadSize));
                    }
                });
        try {
            Channel server = bootstrap.bind(new InetSocketAddress("127.0.0.1", port)).sync().channel();
            return new BareNettyServer(loops, trigger, server);
        } catch (InterruptedException | RuntimeException e) {
            loops.shutdownGracefully(0, 0, TimeUnit.SECONDS);
            trigger.shutdownNow();
            throw e;
        }
    }

    /** @return the bound port */
    public int port() {
        return ((InetSocketAddress) server.localAddress()).getPort();
    }

    @Override
    public void close() {
        server.close().syncUninterruptibly();
        trigger.shutdownNow();
        group.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
    }

    /**
     * @param args {@code --flush flush-each|flush-per-turn|whole-burst [--port 0] [--payload 100]}
     * @throws InterruptedException if interrupted while binding
     */
    public static void main(String[] args) throws InterruptedException {
        FlushPolicy policy = null;
        int port = 0;
        int payload = BenchPayload.DEFAULT_SIZE;
        for (int i = 0; i + 1 < args.length; i += 2) {
            switch (args[i]) {
                case "--flush" -> policy = FlushPolicy.of(args[i + 1]);
                case "--port" -> port = Integer.parseInt(args[i + 1]);
                case "--payload" -> payload = Integer.parseInt(args[i + 1]);
                default -> throw new IllegalArgumentException("unknown option " + args[i] + "; use --flush, --port, --payload");
            }
        }
        if (policy == null) {
            throw new IllegalArgumentException("--flush flush-each|flush-per-turn|whole-burst is required");
        }
        BareNettyServer server = start(port, policy, payload);
        Runtime.getRuntime().addShutdownHook(new Thread(server::close, "bare-netty-shutdown"));
        System.out.println("READY port=" + server.port());
        System.out.flush();
        server.server.closeFuture().sync();
    }
}
