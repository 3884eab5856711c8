package dev.notify.netty;

import dev.notify.config.InvalidConfigurationException;
import dev.notify.config.NotifyConfig;
import dev.notify.core.ChannelLayers;
import dev.notify.core.internal.Suppliers;
import dev.notify.core.routing.Router;

/**
 * Runs a {@link NotifyServer} from the command line, as {@code daphne app.module:application} runs
 * a Channels application:
 *
 * <pre>
 * java -cp app.jar:... dev.notify.netty.NotifyServerMain [-b HOST] [-p PORT] com.example.ChatRoutes
 * </pre>
 *
 * <p>{@code com.example.ChatRoutes} is a {@code Supplier<Router>} with a public no-arg constructor.
 * Configuration comes from {@code NOTIFY_*} environment variables overridden by {@code notify.*}
 * system properties: the layer ({@code notify.layer} and its keys, through
 * {@link ChannelLayers#fromConfig}) and the server ({@code notify.server.*}, see
 * {@link NotifyServerOptions#fromConfig}); {@code -b} and {@code -p} override
 * {@code notify.server.host} and {@code notify.server.port}. The server's JVM shutdown hook (Ctrl-C,
 * SIGTERM) closes it gracefully and then the layer.
 *
 * @since 0.1
 */
public final class NotifyServerMain {
    private static final String USAGE = "usage: NotifyServerMain [-b HOST] [-p PORT] ROUTER_SUPPLIER_CLASS\n"
            + "  ROUTER_SUPPLIER_CLASS  a java.util.function.Supplier<Router> with a public no-arg constructor\n"
            + "  configuration: NOTIFY_* environment variables and notify.* system properties";

    private NotifyServerMain() {
    }

    /**
     * @param args {@code [-b HOST] [-p PORT] ROUTER_SUPPLIER_CLASS}
     */
    public static void main(String[] args) {
        NotifyConfig config = NotifyConfig.fromEnvironment().overriding(NotifyConfig.fromSystemProperties());
        try {
            start(args, config); // runs until the JVM exits; the server's shutdown hook closes it
        } catch (IllegalArgumentException | InvalidConfigurationException | IllegalStateException e) {
            System.err.println("notify: " + e.getMessage());
            if (e instanceof IllegalArgumentException && e.getMessage() != null && e.getMessage().startsWith("usage")) {
                System.exit(2);
            }
            System.exit(1);
        }
    }

    /**
     * Parses the arguments, makes the layer and starts the server.
     *
     * @param args the command line
     * @param config the configuration
     * @return the started server; closing it closes the layer it made
     * @throws IllegalArgumentException for bad arguments or a class that is not a router supplier
     * @throws InvalidConfigurationException for bad configuration
     */
    static NotifyServer start(String[] args, NotifyConfig config) {
        String host = null;
        Integer port = null;
        String className = null;
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            if (("-b".equals(arg) || "-p".equals(arg)) && i + 1 < args.length) {
                String value = args[++i];
                if ("-b".equals(arg)) {
                    host = value;
                } else {
                    try {
                        port = Integer.parseInt(value);
                    } catch (NumberFormatException e) {
                        throw new IllegalArgumentException("usage: -p needs a port number, not '" + value + "'\n" + USAGE);
                    }
                }
            } else if (!arg.startsWith("-") && className == null) {
                className = arg;
            } else {
                throw new IllegalArgumentException("usage: unexpected argument '" + arg + "'\n" + USAGE);
            }
        }
        if (className == null) {
            throw new IllegalArgumentException(USAGE);
        }
        NotifyServer.Builder builder = NotifyServer.builder().config(config).router(loadRouter(className));
        if (host != null) {
            builder.host(host);
        }
        if (port != null) {
            builder.port(port);
        }
        NotifyServer server = builder.build();
        try {
            server.start();
        } catch (RuntimeException e) {
            server.close();
            throw e;
        }
        return server;
    }

    /**
     * @param className a {@code Supplier<Router>} with a public no-arg constructor
     * @return the router it supplies
     * @throws IllegalArgumentException naming the class and what is wrong with it
     */
    static Router loadRouter(String className) {
        return Suppliers.supplied(className, Router.class);
    }
}
