package dev.notify.bench.client;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The local address of each client connection. One source address has as many connections to one
 * server port as Linux has local ports ({@code net.ipv4.ip_local_port_range}, about 28,000), so
 * connection {@code i} comes from 127.0.0.1 for the first {@code perAddress}, then from 127.0.0.2, and
 * so on: every address of 127.0.0.0/8 is the loopback interface's.
 */
final class SourceAddresses {
    private static final int LAST_HOST = 254;
    private final int perAddress;

    /**
     * @param perAddress connections per source address
     * @throws IllegalArgumentException if it is not positive
     */
    SourceAddresses(int perAddress) {
        if (perAddress < 1) {
            throw new IllegalArgumentException("connections per source address must be > 0 but was " + perAddress);
        }
        this.perAddress = perAddress;
    }

    /**
     * @return nine tenths of this machine's local port range (the rest stays for other sockets and for
     *     ports still in TIME_WAIT), or 25,000 where the range cannot be read
     */
    static int defaultPerAddress() {
        try {
            String[] range = Files.readString(Path.of("/proc/sys/net/ipv4/ip_local_port_range")).strip().split("\\s+");
            int ports = Integer.parseInt(range[1]) - Integer.parseInt(range[0]) + 1;
            return Math.max(1, ports / 10 * 9);
        } catch (IOException | RuntimeException e) {
            return 25_000;
        }
    }

    /**
     * @param count connections to open
     * @throws IllegalArgumentException if that needs more than 127.0.0.1 to 127.0.0.254
     */
    void check(int count) {
        if (count > 0 && host(count - 1) > LAST_HOST) {
            throw new IllegalArgumentException(count + " connections need more source addresses than 127.0.0.1 to 127.0.0."
                    + LAST_HOST + " at " + perAddress + " each");
        }
    }

    /**
     * @param i the connection's number, from 0
     * @return its local address, port 0 (any); null for 127.0.0.1, where no bind is needed
     */
    InetSocketAddress forConnection(int i) {
        int host = host(i);
        return host == 1 ? null : new InetSocketAddress("127.0.0." + host, 0);
    }

    private int host(int i) {
        return 1 + i / perAddress;
    }
}
