package dev.notify.netty;

import static org.assertj.core.api.Assertions.assertThat;

import dev.notify.core.routing.Router;
import dev.notify.core.routing.SecurityHeaders;
import dev.notify.http.HttpResponse;
import dev.notify.inmemory.InMemoryChannelLayer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** {@link SecurityHeaders} on every kind of answer, over real sockets. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class NotifyServerSecurityHeadersTest {
    private InMemoryChannelLayer layer;
    private NotifyServer server;
    private int port;

    @BeforeEach
    void start() {
        layer = InMemoryChannelLayer.create();
        Router router = Router.builder()
                .use(SecurityHeaders.defaults())
                .get("/page", request -> HttpResponse.html("<p>hi</p>"))
                .get("/fails", request -> {
                    throw new IllegalStateException("a bug");
                })
                .staticResources("/static/", "static")
                .build();
        server = NotifyServer.builder().options(TestApp.fastOptions().build()).router(router).layer(layer).build();
        port = server.start();
    }

    @AfterEach
    void stop() {
        server.close();
        layer.close();
    }

    @Test
    void pagesStaticFilesAndErrorBodiesAllCarryThem() throws Exception {
        for (String path : new String[] {"/page", "/static/hello.txt", "/missing", "/fails"}) {
            String response = exchange("GET " + path + " HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
            assertThat(response).as(path).contains("X-Content-Type-Options: nosniff\r\n")
                    .contains("Referrer-Policy: same-origin\r\n").contains("X-Frame-Options: DENY\r\n");
        }
        assertThat(exchange("GET /fails HTTP/1.1\r\nHost: x\r\n\r\n")).startsWith("HTTP/1.1 500");
    }

    @Test
    void theServersOwnErrorAnswersCarryNosniff() throws Exception {
        assertThat(exchange("GET /%zz HTTP/1.1\r\nHost: x\r\n\r\n")).startsWith("HTTP/1.1 400")
                .contains("X-Content-Type-Options: nosniff\r\n");
    }

    private String exchange(String request) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(10_000);
            socket.getOutputStream().write(request.getBytes(StandardCharsets.ISO_8859_1));
            InputStream in = socket.getInputStream();
            ByteArrayOutputStream head = new ByteArrayOutputStream();
            while (!head.toString(StandardCharsets.ISO_8859_1).endsWith("\r\n\r\n")) {
                int b = in.read();
                if (b < 0) {
                    break;
                }
                head.write(b);
            }
            return head.toString(StandardCharsets.ISO_8859_1);
        }
    }
}
