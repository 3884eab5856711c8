package dev.notify.netty.internal;

import dev.notify.netty.NotifyServerOptions.Transport;
import io.netty.channel.IoHandlerFactory;
import io.netty.channel.ServerChannel;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioServerSocketChannel;

/**
 * The event-loop transport: its I/O handler factory and server channel type.
 *
 * @param name {@code epoll} or {@code nio}, for the startup log
 * @param ioHandlerFactory makes the event loops' I/O handlers
 * @param serverChannelType the listening channel's type
 */
public record Transports(String name, IoHandlerFactory ioHandlerFactory, Class<? extends ServerChannel> serverChannelType) {

    /**
     * @param requested the configured transport
     * @return epoll where requested or available (for {@code AUTO}), NIO otherwise
     * @throws IllegalStateException if epoll is requested but its native library does not load
     */
    public static Transports select(Transport requested) {
        boolean epoll = requested == Transport.EPOLL || (requested == Transport.AUTO && epollAvailable());
        if (epoll) {
            if (!epollAvailable()) {
                throw new IllegalStateException("transport EPOLL was requested but epoll is not available here ("
                        + Epoll.unavailabilityCause() + "); use AUTO or NIO, or add netty-transport-native-epoll"
                        + " for this platform");
            }
            return new Transports("epoll", EpollIoHandler.newFactory(), EpollServerSocketChannel.class);
        }
        return new Transports("nio", NioIoHandler.newFactory(), NioServerSocketChannel.class);
    }

    private static boolean epollAvailable() {
        try {
            return Epoll.isAvailable();
        } catch (LinkageError e) {
            return false;
        }
    }
}
