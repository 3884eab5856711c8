package dev.notify.bench;

import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.ServerSocketChannel;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;

/** The Netty transport of the bench's own client and ceiling servers: NIO, as notify's server uses by default here. */
public final class NettyTransport {
    private NettyTransport() {
    }

    /**
     * @param threads event-loop threads, 0 for Netty's default (twice the cores)
     * @return a new group
     */
    public static EventLoopGroup group(int threads) {
        return new MultiThreadIoEventLoopGroup(threads, NioIoHandler.newFactory());
    }

    /** @return the server socket channel class */
    public static Class<? extends ServerSocketChannel> serverChannel() {
        return NioServerSocketChannel.class;
    }

    /** @return the client socket channel class */
    public static Class<? extends SocketChannel> clientChannel() {
        return NioSocketChannel.class;
    }
}
