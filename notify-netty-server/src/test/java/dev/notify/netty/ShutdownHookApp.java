package dev.notify.netty;

import dev.notify.config.NotifyConfig;
import dev.notify.consumer.CloseStatus;
import dev.notify.consumer.WebSocketConsumer;
import dev.notify.consumer.WebSocketSession;
import dev.notify.core.routing.Router;

/**
 * An application's main, as the README writes it: configuration from the environment, then
 * {@code awaitShutdown()}. It prints what the test waits for.
 */
public final class ShutdownHookApp {
    private ShutdownHookApp() {
    }

    /** @param args none, or {@code without-hook} for a server built with {@code closeOnJvmShutdown(false)} */
    public static void main(String[] args) throws InterruptedException {
        Router router = Router.builder().websocket("/ws/", () -> new WebSocketConsumer() {
            @Override
            public void onConnect(WebSocketSession session) {
                session.accept();
                System.out.println("connected");
            }

            @Override
            public void onDisconnect(WebSocketSession session, CloseStatus status) {
                System.out.println("disconnected " + status.code());
            }
        }).build();
        boolean hook = !(args.length > 0 && args[0].equals("without-hook"));
        NotifyServer server = NotifyServer.builder().config(NotifyConfig.fromEnvironment()).router(router)
                .closeOnJvmShutdown(hook).build();
        System.out.println("listening " + server.start());
        server.awaitShutdown();
        System.out.println("layer " + (server.layer().health().up() ? "open" : "closed"));
        Thread.sleep(200); // work after awaitShutdown that the JVM must wait for
        System.out.println("main finished");
    }
}
