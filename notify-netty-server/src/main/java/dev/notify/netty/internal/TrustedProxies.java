package dev.notify.netty.internal;

import dev.notify.consumer.Scope;
import io.netty.handler.codec.http.HttpHeaders;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Applies a trusted proxy's {@code Forwarded} (RFC 7239) or {@code X-Forwarded-For}, {@code -Proto},
 * {@code -Host} and {@code -Port} headers to a scope: client address, scheme and {@code Host}.
 * Headers from a peer outside the trusted ranges are ignored. {@code Forwarded} wins over the
 * {@code X-Forwarded-*} headers when both are present. Of a chain of proxies, the client is the
 * rightmost address that is not itself a trusted proxy, as nginx's {@code real_ip_recursive}; the
 * scheme and host are the ones of that hop in {@code Forwarded}, and the last (the trusted peer's)
 * values of {@code X-Forwarded-Proto}, {@code -Host} and {@code -Port}. Values that do not parse
 * are ignored.
 */
public final class TrustedProxies {
    private static final Logger log = LoggerFactory.getLogger(TrustedProxies.class);
    private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");
    private static final Pattern IPV6 = Pattern.compile("[0-9A-Fa-f:.]*:[0-9A-Fa-f:.]*");
    private static final Pattern HOST = Pattern.compile("([A-Za-z0-9.\\-]+|\\[[0-9A-Fa-f:.]+\\])(:\\d{1,5})?");
    private static final Pattern PORT = Pattern.compile("\\d{1,5}");

    private final List<Range> ranges;

    private TrustedProxies(List<Range> ranges) {
        this.ranges = ranges;
    }

    /**
     * @param ranges addresses and CIDR ranges, already checked by {@link #checkRange}
     * @return the trusted proxies
     */
    public static TrustedProxies of(List<String> ranges) {
        return new TrustedProxies(ranges.stream().map(Range::parse).toList());
    }

    /**
     * @param range an IP address or a CIDR range such as {@code 10.0.0.0/8}
     * @throws IllegalArgumentException naming the range if it is neither
     */
    public static void checkRange(String range) {
        Range.parse(range);
    }

    /**
     * @param address a peer's address
     * @return whether it is in a trusted range
     */
    public boolean trusts(InetAddress address) {
        for (Range range : ranges) {
            if (range.contains(address)) {
                return true;
            }
        }
        return false;
    }

    /**
     * Sets the scope's client address, scheme and {@code Host} from the proxy headers, if the peer
     * is trusted.
     *
     * @param scope the scope being built, with the peer's address and the connection's scheme
     * @param type the scope's type
     * @param headers the request headers
     * @param peer the address of the connection's peer, or {@code null}
     */
    void apply(Scope.Builder scope, Scope.Type type, HttpHeaders headers, InetSocketAddress peer) {
        if (ranges.isEmpty() || peer == null || !trusts(peer.getAddress())) {
            return;
        }
        String client = null;
        String proto = null;
        String host = null;
        String port = null;
        List<String> forwarded = headers.getAll("Forwarded");
        if (!forwarded.isEmpty()) {
            List<List<String[]>> hops = ForwardedParser.parse(String.join(",", forwarded));
            if (hops == null) {
                log.debug("ignoring a malformed Forwarded header from {}: {}", peer, forwarded);
                return;
            }
            int chosen = choose(hops.stream().map(hop -> value(hop, "for")).toList());
            client = value(hops.get(chosen), "for");
            proto = value(hops.get(chosen), "proto");
            host = value(hops.get(chosen), "host");
        } else {
            List<String> chain = new ArrayList<>();
            for (String value : headers.getAll("X-Forwarded-For")) {
                for (String hop : value.split(",")) {
                    chain.add(hop.strip());
                }
            }
            if (!chain.isEmpty()) {
                client = chain.get(choose(chain));
            }
            proto = last(headers.getAll("X-Forwarded-Proto"));
            host = last(headers.getAll("X-Forwarded-Host"));
            port = last(headers.getAll("X-Forwarded-Port"));
        }
        InetSocketAddress address = client == null ? null : node(client);
        if (address != null) {
            scope.clientAddress(address);
        }
        String scheme = scheme(type, proto);
        if (scheme != null) {
            scope.scheme(scheme);
        }
        String effectiveHost = host != null && HOST.matcher(host).matches() ? host : null;
        if (port != null && PORT.matcher(port).matches() && Integer.parseInt(port) <= 65535) {
            String base = effectiveHost != null ? effectiveHost : headers.get("Host");
            if (base != null && HOST.matcher(base).matches()) {
                effectiveHost = withoutPort(base) + ":" + port;
            }
        }
        if (effectiveHost != null) {
            scope.removeHeader("Host").header("Host", effectiveHost);
        }
    }

    /** The index of the client in a chain of hops: the rightmost that is not a trusted proxy. */
    private int choose(List<String> chain) {
        for (int i = chain.size() - 1; i > 0; i--) {
            InetSocketAddress hop = chain.get(i) == null ? null : node(chain.get(i));
            if (hop == null || !trusts(hop.getAddress())) {
                return i;
            }
        }
        return 0;
    }

    private static String scheme(Scope.Type type, String proto) {
        if (proto == null) {
            return null;
        }
        boolean secure;
        switch (proto.strip().toLowerCase(Locale.ROOT)) {
            case "https", "wss" -> secure = true;
            case "http", "ws" -> secure = false;
            default -> {
                return null;
            }
        }
        return type == Scope.Type.HTTP ? (secure ? "https" : "http") : (secure ? "wss" : "ws");
    }

    private static String withoutPort(String host) {
        int colon = host.lastIndexOf(':');
        return colon > host.lastIndexOf(']') ? host.substring(0, colon) : host;
    }

    private static String last(List<String> values) {
        if (values.isEmpty()) {
            return null;
        }
        String all = values.get(values.size() - 1);
        String last = all.substring(all.lastIndexOf(',') + 1).strip();
        return last.isEmpty() ? null : last;
    }

    private static String value(List<String[]> hop, String name) {
        for (String[] pair : hop) {
            if (pair[0].equals(name)) {
                return pair[1];
            }
        }
        return null;
    }

    /** Parses a node: {@code 192.0.2.1}, {@code 192.0.2.1:4711}, {@code [2001:db8::1]:4711}, {@code 2001:db8::1}; else {@code null}. */
    static InetSocketAddress node(String text) {
        String address;
        String port = null;
        if (text.startsWith("[")) {
            int end = text.indexOf(']');
            if (end < 0) {
                return null;
            }
            address = text.substring(1, end);
            String rest = text.substring(end + 1);
            if (!rest.isEmpty()) {
                if (!rest.startsWith(":")) {
                    return null;
                }
                port = rest.substring(1);
            }
        } else if (text.indexOf(':') >= 0 && text.indexOf(':') == text.lastIndexOf(':')) {
            address = text.substring(0, text.indexOf(':'));
            port = text.substring(text.indexOf(':') + 1);
        } else {
            address = text;
        }
        InetAddress literal = literal(address);
        if (literal == null) {
            return null;
        }
        int number = 0;
        if (port != null) {
            if (!PORT.matcher(port).matches() || Integer.parseInt(port) > 65535) {
                return null;
            }
            number = Integer.parseInt(port);
        }
        return new InetSocketAddress(literal, number);
    }

    /** An IP literal, never a name lookup; {@code null} if the text is not one. */
    private static InetAddress literal(String text) {
        if (!IPV4.matcher(text).matches() && !IPV6.matcher(text).matches()) {
            return null;
        }
        try {
            return InetAddress.getByName(text);
        } catch (UnknownHostException e) {
            return null;
        }
    }

    /** An address range: an address and how many leading bits must match. */
    private record Range(byte[] network, int bits) {
        static Range parse(String text) {
            String trimmed = text.strip();
            int slash = trimmed.indexOf('/');
            InetAddress address = literal(slash < 0 ? trimmed : trimmed.substring(0, slash));
            if (address == null) {
                throw new IllegalArgumentException("a trusted proxy is an IP address or a CIDR range such as 10.0.0.0/8 but was '" + text + "'");
            }
            int max = address.getAddress().length * 8;
            int bits = max;
            if (slash >= 0) {
                String prefix = trimmed.substring(slash + 1);
                if (!PORT.matcher(prefix).matches() || Integer.parseInt(prefix) > max) {
                    throw new IllegalArgumentException("the prefix length of '" + text + "' must be a number from 0 to " + max);
                }
                bits = Integer.parseInt(prefix);
            }
            return new Range(address.getAddress(), bits);
        }

        boolean contains(InetAddress address) {
            byte[] bytes = address.getAddress();
            if (bytes.length != network.length) {
                return false;
            }
            for (int i = 0; i < bits; i++) {
                int mask = 0x80 >>> (i % 8);
                if ((bytes[i / 8] & mask) != (network[i / 8] & mask)) {
                    return false;
                }
            }
            return true;
        }
    }
}
