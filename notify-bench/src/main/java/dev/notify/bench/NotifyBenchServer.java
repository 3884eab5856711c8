package dev.notify.bench;

import dev.notify.config.NotifyConfig;
import dev.notify.consumer.AsyncWebSocketConsumer;
import dev.notify.consumer.WebSocketSession;
import dev.notify.core.ChannelLayers;
import dev.notify.core.routing.Router;
import dev.notify.http.HttpHandler;
import dev.notify.http.HttpRequest;
import dev.notify.http.HttpResponse;
import dev.notify.layer.BlockingChannelLayer;
import dev.notify.layer.ChannelLayer;
import dev.notify.layer.Message;
import dev.notify.netty.NotifyServer;
import dev.notify.netty.NotifyServerOptions;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CountDownLatch;

/**
 * notify serving the example app's benchmark interface with {@link BenchPayload}s: {@code /ws/test/}
 * (an async consumer that joins {@value BenchPayload#GROUP}, forwards {@code send_notification} values
 * and answers every text), and {@code GET /home?count=K&delay=S}, which sends K group messages from
 * blocking code, as the example app's {@code /home} does. The payload carries its send time, which
 * the example app's {@code {"count": i}} does not. Run it as {@code java -cp notify-bench.jar
 * dev.notify.bench.NotifyBenchServer --layer inmemory|redis|redis-pubsub|nats [--redis-url URL] [--redis-cluster true] [--nats-url URL] [--port 0]
 * [--payload 100]}; it prints {@code READY port=<port>} once it serves, and stops on SIGTERM.
 */
public final class NotifyBenchServer {
    private static final Duration SEND_TIMEOUT = Duration.ofSeconds(10);

    private NotifyBenchServer() {
    }

    /**
     * @param args the options above
     * @throws InterruptedException if interrupted while serving
     */
    public static void main(String[] args) throws InterruptedException {
        Map<String, String> config = new HashMap<>();
        int port = 0;
        int payload = BenchPayload.DEFAULT_SIZE;
        for (int i = 0; i + 1 < args.length; i += 2) {
            switch (args[i]) {
                case "--layer" -> config.put(ChannelLayers.LAYER_KEY, args[i + 1]);
                case "--redis-url" -> config.put("notify.redis.url", args[i + 1]);
                case "--redis-cluster" -> config.put("notify.redis.cluster", args[i + 1]);
                case "--nats-url" -> config.put("notify.nats.url", args[i + 1]);
                case "--port" -> port = Integer.parseInt(args[i + 1]);
                case "--payload" -> payload = Integer.parseInt(args[i + 1]);
                default -> throw new IllegalArgumentException("unknown option " + args[i]
                        + "; use --layer, --redis-url, --redis-cluster, --nats-url, --port, --payload");
            }
        }
        ChannelLayer layer = ChannelLayers.fromConfig(NotifyConfig.fromMap(config));
        NotifyServer server = start(layer, port, payload);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.close();
            layer.closeAsync().toCompletableFuture().join();
            stopped.countDown();
        }, "notify-bench-shutdown"));
        System.out.println("READY port=" + server.port());
        System.out.flush();
        stopped.await();
    }

    /**
     * Starts the server on 127.0.0.1 with notify's default options (pings after 20 s of silence, as daphne).
     *
     * @param layer the channel layer; the caller closes it after the server
     * @param port the port, 0 for a free one
     * @param payload the burst payload size in bytes
     * @return the started server
     */
    public static NotifyServer start(ChannelLayer layer, int port, int payload) {
        return start(layer, NotifyServerOptions.builder().port(port).build(), payload);
    }

    /**
     * Starts the server on 127.0.0.1.
     *
     * @param layer the channel layer; the caller closes it after the server
     * @param options the server's options; its host is replaced by 127.0.0.1
     * @param payload the burst payload size in bytes
     * @return the started server
     */
    public static NotifyServer start(ChannelLayer layer, NotifyServerOptions options, int payload) {
        Router router = Router.builder()
                .asyncWebsocket("/ws/test/", BenchConsumer::new)
                .get("/home", new BurstHandler(layer.blocking(SEND_TIMEOUT), payload))
                .build();
        NotifyServer server = NotifyServer.builder().options(options).host("127.0.0.1").router(router).layer(layer).build();
        server.start();
        return server;
    }

    /** The example app's {@code /ws/test/} consumer, without its logging. */
    public static final class BenchConsumer implements AsyncWebSocketConsumer {
        @Override
        public Set<String> groups() {
            return Set.of(BenchPayload.GROUP);
        }

        @Override
        public CompletionStage<Void> onConnect(WebSocketSession session) {
            session.accept();
            return DONE;
        }

        @Override
        public CompletionStage<Void> onText(WebSocketSession session, String text) {
            session.sendText(BenchPayload.DATA_RECEIVED);
            return DONE;
        }

        /**
         * @param session the connection
         * @param message a {@code send_notification} message
         * @return done
         */
        public CompletionStage<Void> sendNotification(WebSocketSession session, Message message) {
            session.sendText(message.getString("value"));
            return DONE;
        }
    }

    /** {@code GET /home?count=K&delay=S}: K group messages, S seconds apart at a fixed rate ({@link SendPlan}), from blocking code. */
    static final class BurstHandler implements HttpHandler {
        private final BlockingChannelLayer layer;
        private final int payload;

        BurstHandler(BlockingChannelLayer layer, int payload) {
            this.layer = layer;
            this.payload = payload;
        }

        @Override
        public HttpResponse handle(HttpRequest request) throws InterruptedException {
            SendPlan plan;
            try {
                plan = SendPlan.parse(request.queryParameter("count").orElse(null), request.queryParameter("delay").orElse(null));
            } catch (IllegalArgumentException e) {
                return HttpResponse.status(400, e.getMessage() + "\n");
            }
            long start = System.nanoTime();
            for (int i = 1; i <= plan.count(); i++) {
                plan.awaitTurn(start, i);
                layer.groupSend(BenchPayload.GROUP, Message.builder("send_notification")
                        .put("value", BenchPayload.of(i, BenchPayload.nowMicros(), payload))
                        .build());
            }
            return HttpResponse.text("sent " + plan.count() + " payloads to " + BenchPayload.GROUP + "\n");
        }
    }
}
