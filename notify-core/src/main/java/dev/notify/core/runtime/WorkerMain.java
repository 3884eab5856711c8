package dev.notify.core.runtime;

import dev.notify.config.InvalidConfigurationException;
import dev.notify.config.NotifyConfig;
import dev.notify.core.ChannelLayers;
import dev.notify.core.internal.Suppliers;
import dev.notify.core.routing.ChannelNameRouter;
import dev.notify.layer.ChannelLayer;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs a {@link NotifyWorker} from the command line, as Channels' {@code runworker}:
 *
 * <pre>
 * java -cp app.jar:... dev.notify.core.runtime.WorkerMain --router com.example.Workers thumbnails
 * </pre>
 *
 * <p>{@code com.example.Workers} is a {@code Supplier<ChannelNameRouter>} with a public no-arg
 * constructor (or the {@code notify.worker.router} key); the arguments after it name the channels
 * to consume. The layer comes from {@code NOTIFY_*} environment variables overridden by
 * {@code notify.*} system properties, through {@link ChannelLayers#fromConfig}. A JVM shutdown hook
 * (Ctrl-C, SIGTERM) stops the worker gracefully, finishing the messages in hand, then closes the
 * layer. Bad arguments exit with status 2, bad configuration with 1, each with a message on
 * standard error.
 *
 * @since 0.3
 */
public final class WorkerMain {
    /** The configuration key naming the router supplier class when {@code --router} is absent. */
    public static final String ROUTER_KEY = "notify.worker.router";

    private static final String USAGE = "usage: WorkerMain [--router ROUTER_SUPPLIER_CLASS] CHANNEL...\n"
            + "  ROUTER_SUPPLIER_CLASS  a java.util.function.Supplier<ChannelNameRouter> with a public no-arg constructor\n"
            + "                         (default: the " + ROUTER_KEY + " key)\n"
            + "  CHANNEL                a channel the router has\n"
            + "  configuration: NOTIFY_* environment variables and notify.* system properties";

    private WorkerMain() {
    }

    /**
     * @param args {@code [--router ROUTER_SUPPLIER_CLASS] CHANNEL...}
     */
    public static void main(String[] args) {
        NotifyConfig config = NotifyConfig.fromEnvironment().overriding(NotifyConfig.fromSystemProperties());
        Running running;
        try {
            running = start(args, config);
        } catch (IllegalArgumentException | InvalidConfigurationException | IllegalStateException e) {
            System.err.println("notify worker: " + e.getMessage());
            System.exit(e instanceof IllegalArgumentException && e.getMessage() != null
                    && e.getMessage().startsWith("usage") ? 2 : 1);
            return;
        }
        Runtime.getRuntime().addShutdownHook(new Thread(running::close, "notify-worker-shutdown"));
        running.worker().whenStopped().toCompletableFuture().join();
    }

    /**
     * Parses the arguments, makes the layer and starts the worker.
     *
     * @param args the command line
     * @param config the configuration
     * @return the started worker and its layer
     * @throws IllegalArgumentException for bad arguments, a class that is not a router supplier, or
     *     a channel the router does not have
     * @throws InvalidConfigurationException for bad configuration
     */
    public static Running start(String[] args, NotifyConfig config) {
        String className = config.get(ROUTER_KEY);
        List<String> channels = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            if ("--router".equals(arg) && i + 1 < args.length) {
                className = args[++i];
            } else if (!arg.startsWith("-")) {
                channels.add(arg);
            } else {
                throw new IllegalArgumentException("usage: unexpected argument '" + arg + "'\n" + USAGE);
            }
        }
        if (className == null || channels.isEmpty()) {
            throw new IllegalArgumentException(USAGE);
        }
        ChannelNameRouter router = loadRouter(className);
        NotifyWorker.Builder builder = NotifyWorker.builder().router(router).channels(channels.toArray(String[]::new));
        ChannelLayer layer = ChannelLayers.fromConfig(config);
        try {
            return new Running(builder.layer(layer).build().start(), layer);
        } catch (RuntimeException e) {
            layer.close();
            throw e;
        }
    }

    private static ChannelNameRouter loadRouter(String className) {
        return Suppliers.supplied(className, ChannelNameRouter.class);
    }

    /**
     * A started worker and the layer made for it; closing stops the worker gracefully, then closes
     * the layer.
     *
     * @param worker the worker
     * @param layer its layer
     */
    public record Running(NotifyWorker worker, ChannelLayer layer) implements AutoCloseable {
        @Override
        public void close() {
            worker.close();
            layer.close();
        }
    }
}
