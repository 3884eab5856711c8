package dev.notify.netty;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.File;
import java.io.IOException;
import java.lang.module.FindException;
import java.lang.module.ModuleFinder;
import java.lang.module.ModuleReference;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocketHandshakeException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * An application with its own {@code module-info.java}, compiled here and run in a JVM of its own on
 * the module path, with notify's modules and their dependencies: its consumer's handler methods and
 * its records in JSON work with one qualified {@code exports} line, and without that line the
 * failure names the line to add.
 */
@Timeout(value = 180, unit = TimeUnit.SECONDS)
@DisplayName("A consumer in an application module")
class ApplicationModuleTest {
    private static final String CONSUMER = """
            package com.example.chat;

            import dev.notify.consumer.WebSocketConsumer;
            import dev.notify.consumer.WebSocketSession;
            import dev.notify.layer.Message;
            import java.time.Duration;
            import java.time.Instant;
            import java.util.Set;

            public final class ChatConsumer implements WebSocketConsumer {
                @Override
                public Set<String> groups() {
                    return Set.of("chat");
                }

                @Override
                public void onText(WebSocketSession session, String text) {
                    ChatLine line = new ChatLine(text, Instant.parse("2024-05-01T12:30:15Z"));
                    session.layer().blocking(Duration.ofSeconds(5)).groupSend("chat", session.json().toMessage("chat.line", line));
                }

                public void chatLine(WebSocketSession session, Message message) {
                    session.sendJson(session.json().fromMessage(message, ChatLine.class));
                }
            }
            """;
    private static final String RECORD = """
            package com.example.chat;

            import java.time.Instant;

            public record ChatLine(String text, Instant sentAt) {
            }
            """;
    private static final String MAIN = """
            package com.example.chat;

            import dev.notify.config.NotifyConfig;
            import dev.notify.core.routing.Router;
            import dev.notify.netty.NotifyServer;

            public final class ChatApp {
                public static void main(String[] args) throws InterruptedException {
                    Router router = Router.builder().websocket("/ws/chat/", ChatConsumer::new).build();
                    NotifyServer server = NotifyServer.builder().config(NotifyConfig.fromEnvironment()).router(router).build();
                    System.out.println("listening " + server.start());
                    server.awaitShutdown();
                }
            }
            """;

    @TempDir
    Path work;

    @Test
    @DisplayName("with `exports com.example.chat to dev.notify.core, com.fasterxml.jackson.databind;` handlers and JSON work, nothing opened")
    void exported() throws Exception {
        try (ChildJvm app = run("exports com.example.chat to dev.notify.core, com.fasterxml.jackson.databind;")) {
            int port = port(app);
            try (WsClient client = WsClient.connect(HttpClient.newHttpClient(), URI.create("ws://127.0.0.1:" + port + "/ws/chat/"))) {
                client.send("hello from a module");
                assertThat(client.receive()).isEqualTo("{\"text\":\"hello from a module\",\"sentAt\":\"2024-05-01T12:30:15Z\"}");
            }
        }
    }

    @Test
    @DisplayName("without the export to dev.notify.core the handshake fails with 500 and the log names the line to add")
    void notExportedToNotify() throws Exception {
        try (ChildJvm app = run("exports com.example.chat to com.fasterxml.jackson.databind;")) {
            int port = port(app);
            assertThatThrownBy(() -> WsClient.connect(HttpClient.newHttpClient(), URI.create("ws://127.0.0.1:" + port + "/ws/chat/")))
                    .isInstanceOf(CompletionException.class)
                    .cause().isInstanceOfSatisfying(WebSocketHandshakeException.class,
                            e -> assertThat(e.getResponse().statusCode()).isEqualTo(500));
            assertThat(app.awaitLineContaining("cannot make the consumer for /ws/chat/")).contains(
                    "Add this line to module com.example.chat's module-info.java:  exports com.example.chat to dev.notify.core;");
        }
    }

    @Test
    @DisplayName("without the export to Jackson the message that cannot be encoded closes with 1011 and the log names the line to add")
    void notExportedToJackson() throws Exception {
        try (ChildJvm app = run("exports com.example.chat to dev.notify.core;")) {
            int port = port(app);
            try (WsClient client = WsClient.connect(HttpClient.newHttpClient(), URI.create("ws://127.0.0.1:" + port + "/ws/chat/"))) {
                client.send("hello");
                assertThat(client.awaitClose()).isEqualTo(1011);
            }
            assertThat(app.awaitLineContaining("cannot write a com.example.chat.ChatLine as JSON")).contains(
                    "add this line to module com.example.chat's module-info.java:  exports com.example.chat to com.fasterxml.jackson.databind;");
        }
    }

    private static int port(ChildJvm app) throws IOException, InterruptedException {
        return Integer.parseInt(app.awaitLine("listening ").substring("listening ".length()));
    }

    /** Compiles the application with this module-info line and runs it with the in-memory layer on a free port. */
    private ChildJvm run(String exportsLine) throws IOException, InterruptedException {
        List<String> modulePath = new ArrayList<>();
        List<String> classPath = new ArrayList<>();
        for (String entry : ChildJvm.testClassPath().split(File.pathSeparator)) {
            if (!entry.isEmpty()) {
                (isExplicitModule(Path.of(entry)) ? modulePath : classPath).add(entry);
            }
        }
        Path sources = work.resolve("src");
        Path classes = work.resolve("classes");
        write(sources.resolve("module-info.java"), "module com.example.chat {\n    requires dev.notify.netty;\n    " + exportsLine + "\n}\n");
        write(sources.resolve("com/example/chat/ChatConsumer.java"), CONSUMER);
        write(sources.resolve("com/example/chat/ChatLine.java"), RECORD);
        write(sources.resolve("com/example/chat/ChatApp.java"), MAIN);
        // the JDK's javac as a process: these tests run inside a named module that does not read java.compiler
        List<String> javac = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "javac").toString(),
                "-d", classes.toString(), "--module-path", String.join(File.pathSeparator, modulePath)));
        try (var files = Files.walk(sources)) {
            files.filter(f -> f.toString().endsWith(".java")).forEach(f -> javac.add(f.toString()));
        }
        Process compile = new ProcessBuilder(javac).redirectErrorStream(true).start();
        String log = new String(compile.getInputStream().readAllBytes());
        assertThat(compile.waitFor()).as("javac: %s", log).isZero();

        modulePath.add(0, classes.toString());
        // notify-inmemory (an automatic module) and the logging binding stay on the class path, found through ServiceLoader
        return ChildJvm.start(List.of("--module-path", String.join(File.pathSeparator, modulePath),
                        "-cp", String.join(File.pathSeparator, classPath), "-m", "com.example.chat/com.example.chat.ChatApp"),
                Map.of("NOTIFY_LAYER", "inmemory", "NOTIFY_SERVER_PORT", "0"));
    }

    /** Whether the entry is one module with a module-info (a jar or an exploded directory). */
    private static boolean isExplicitModule(Path entry) {
        try {
            Set<ModuleReference> found = ModuleFinder.of(entry).findAll();
            return found.size() == 1 && !found.iterator().next().descriptor().isAutomatic();
        } catch (FindException notAModule) {
            return false;
        }
    }

    private static void write(Path file, String text) throws IOException {
        Files.createDirectories(file.getParent());
        Files.writeString(file, text);
    }
}
