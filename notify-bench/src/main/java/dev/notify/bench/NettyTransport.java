package dev.notify.bench;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.IoHandlerFactory;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollChannelOption;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.epoll.EpollSocketChannel;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.ServerSocketChannel;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;

/**
 * The Netty transport of the bench's client and bare servers: epoll where it loads, NIO otherwise,
 * as notify's server chooses by default. {@code -Dnotify.bench.transport=nio} forces NIO.
 */
public final class NettyTransport {
    private static final boolean EPOLL = !"nio".equals(System.getProperty("notify.bench.transport")) && epollAvailable();

    private NettyTransport() {
    }

    /** @return {@code epoll} or {@code nio} */
    public static String name() {
        return EPOLL ? "epoll" : "nio";
    }

    /**
     * @param threads event-loop threads, 0 for Netty's default (twice the cores)
     * @return a new group
     */
    public static EventLoopGroup group(int threads) {
        IoHandlerFactory io = EPOLL ? EpollIoHandler.newFactory() : NioIoHandler.newFactory();
        return new MultiThreadIoEventLoopGroup(threads, io);
    }

    /** @return the server socket channel class */
    public static Class<? extends ServerSocketChannel> serverChannel() {
        return EPOLL ? EpollServerSocketChannel.class : NioServerSocketChannel.class;
    }

    /** @return the client socket channel class */
    public static Class<? extends SocketChannel> clientChannel() {
        return EPOLL ? EpollSocketChannel.class : NioSocketChannel.class;
    }

    /**
     * With epoll, binds a client socket's local address without taking a port, so that the port is chosen
     * on connect for the whole address pair ({@code IP_BIND_ADDRESS_NO_PORT}): then a bound source address
     * has as many ports as an unbound one. NIO has no such option; there the port is taken on bind.
     *
     * @param bootstrap a client bootstrap
     * @return the same bootstrap
     */
    public static Bootstrap bindWithoutPort(Bootstrap bootstrap) {
        return EPOLL ? bootstrap.option(EpollChannelOption.IP_BIND_ADDRESS_NO_PORT, true) : bootstrap;
    }

    private static boolean epollAvailable() {
        try {
            return Epoll.isAvailable();
        } catch (LinkageError e) {
            return false;
        }
    }
}
