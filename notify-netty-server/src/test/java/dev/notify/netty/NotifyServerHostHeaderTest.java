package dev.notify.netty;

import static org.assertj.core.api.Assertions.assertThat;

import dev.notify.consumer.WebSocketConsumer;
import dev.notify.core.routing.HostValidator;
import dev.notify.core.routing.OriginValidator;
import dev.notify.core.routing.Router;
import dev.notify.http.HttpResponse;
import dev.notify.inmemory.InMemoryChannelLayer;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Host and Origin checks over real sockets: the server's own, and the validators in a router. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class NotifyServerHostHeaderTest {
    private InMemoryChannelLayer layer;
    private NotifyServer server;
    private int port;

    @BeforeEach
    void start() {
        layer = InMemoryChannelLayer.create();
        Router router = Router.builder()
                .use(HostValidator.allowing(HostValidator.LOCAL_HOSTS))
                .use(OriginValidator.allowing("localhost", "127.0.0.1"))
                .websocket("/ws/", () -> new WebSocketConsumer() { })
                .get("/hello", request -> HttpResponse.text("hello"))
                .build();
        server = NotifyServer.builder().options(TestApp.fastOptions().build()).router(router).layer(layer).build();
        port = server.start();
    }

    @AfterEach
    void stop() {
        server.close();
        layer.close();
    }

    private int status(String request) throws Exception {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(5_000);
            OutputStream out = socket.getOutputStream();
            out.write(request.getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            InputStream in = socket.getInputStream();
            return RawWebSocket.readResponse(in).status();
        }
    }

    @Test
    void anHttp11RequestWithoutHostOrWithTwoGets400() throws Exception {
        assertThat(status("GET /hello HTTP/1.1\r\nConnection: close\r\n\r\n")).isEqualTo(400);
        assertThat(status("GET /hello HTTP/1.1\r\nHost: 127.0.0.1\r\nHost: evil.example\r\nConnection: close\r\n\r\n")).isEqualTo(400);
        assertThat(status("GET /hello HTTP/1.0\r\n\r\n")).as("HTTP/1.0 needs no Host").isEqualTo(200);
        assertThat(status("GET /hello HTTP/1.1\r\nHost: 127.0.0.1:" + port + "\r\nConnection: close\r\n\r\n")).isEqualTo(200);
    }

    @Test
    void aHandshakeWithTwoHostsGets400() throws Exception {
        try (RawWebSocket raw = RawWebSocket.connect(port, "/ws/", Map.of("Host", "evil.example"))) {
            assertThat(raw.handshake.status()).isEqualTo(400);
        }
    }

    @Test
    void aHostTheValidatorDoesNotAllowGets400OnHttpAndAtTheHandshake() throws Exception {
        assertThat(status("GET /hello HTTP/1.1\r\nHost: evil.example\r\nConnection: close\r\n\r\n")).isEqualTo(400);
        assertThat(status("GET /ws/ HTTP/1.1\r\nHost: evil.example\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                + "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n")).isEqualTo(400);
        assertThat(status("GET /hello HTTP/1.1\r\nHost: localhost:" + port + "\r\nConnection: close\r\n\r\n")).isEqualTo(200);
    }

    @Test
    void originNullIsRefusedAtTheHandshakeAndNoOriginIsNot() throws Exception {
        try (RawWebSocket raw = RawWebSocket.connect(port, "/ws/", Map.of("Origin", "null"))) {
            assertThat(raw.handshake.status()).isEqualTo(403);
        }
        try (RawWebSocket raw = RawWebSocket.connect(port, "/ws/", Map.of())) {
            assertThat(raw.handshake.status()).isEqualTo(101);
        }
    }
}
