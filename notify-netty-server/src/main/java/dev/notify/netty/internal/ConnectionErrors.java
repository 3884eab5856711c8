package dev.notify.netty.internal;

import io.netty.channel.Channel;
import io.netty.handler.codec.PrematureChannelClosureException;
import java.io.IOException;

/** Tells the errors a client causes by going away from the server's own faults. */
final class ConnectionErrors {
    private ConnectionErrors() {
    }

    /**
     * @return whether the error only says that the client went away: a failed read or write, a
     *     message it left unfinished, or anything raised while the channel closes (decoders that
     *     clean up their leftovers); such an error is worth a debug line, not a warning
     */
    static boolean clientGone(Channel channel, Throwable cause) {
        return !channel.isActive() || cause instanceof IOException || cause instanceof PrematureChannelClosureException;
    }
}
