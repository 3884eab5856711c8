package dev.notify.netty;

import static org.assertj.core.api.Assertions.assertThat;

import dev.notify.consumer.Scope;
import dev.notify.consumer.WebSocketConsumer;
import dev.notify.consumer.WebSocketSession;
import dev.notify.core.routing.Router;
import dev.notify.core.routing.SecurityHeaders;
import dev.notify.http.HttpResponse;
import dev.notify.inmemory.InMemoryChannelLayer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Proxy headers over real sockets: the server trusts 127.0.0.2 alone, so a client socket bound to
 * 127.0.0.2 is the proxy and one bound to 127.0.0.1 is any other peer.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class NotifyServerProxyTest {
    private static final String PROXY = "127.0.0.2";
    private static final String OTHER = "127.0.0.1";
    private static final String FORWARDED = "X-Forwarded-For: 203.0.113.7\r\nX-Forwarded-Proto: https\r\nX-Forwarded-Host: chat.example\r\n";

    private InMemoryChannelLayer layer;
    private NotifyServer server;
    private int port;

    @BeforeEach
    void start() {
        layer = InMemoryChannelLayer.create();
        Router router = Router.builder()
                .use(SecurityHeaders.defaults())
                // what the application sees, for HTTP requests and handshakes alike
                .use((request, next) -> next.handle(request).thenApply(response -> response.toBuilder()
                        .header("X-Seen", describe(request.scope())).build()))
                .websocket("/ws/", Accepting::new)
                .get("/login", request -> HttpResponse.builder(200).header("Set-Cookie", "sessionid=abc; Path=/; HttpOnly")
                        .body("ok").build())
                .build();
        server = NotifyServer.builder()
                .options(TestApp.fastOptions().trustedProxies(List.of("10.0.0.0/8", PROXY)).rootPath("/chat").build())
                .router(router).layer(layer).build();
        port = server.start();
    }

    @AfterEach
    void stop() {
        server.close();
        layer.close();
    }

    private static String describe(Scope scope) {
        InetSocketAddress client = scope.clientAddress().orElseThrow();
        return scope.scheme() + " " + client.getAddress().getHostAddress() + ":" + client.getPort() + " "
                + scope.header("Host").orElse("-") + " " + scope.rootPath();
    }

    private static final class Accepting implements WebSocketConsumer {
        @Override
        public void onConnect(WebSocketSession session) {
            session.accept();
        }
    }

    @Test
    void aTrustedProxySetsTheClientTheSchemeAndTheHost() throws Exception {
        String response = exchange(PROXY, "GET /login HTTP/1.1\r\nHost: internal:8000\r\n" + FORWARDED + "\r\n");
        assertThat(response).startsWith("HTTP/1.1 200").contains("X-Seen: https 203.0.113.7:0 chat.example /chat");
        assertThat(response).contains("Set-Cookie: sessionid=abc; Path=/; HttpOnly; Secure");
    }

    @Test
    void anyOtherPeerHasItsHeadersIgnored() throws Exception {
        String response = exchange(OTHER, "GET /login HTTP/1.1\r\nHost: internal:8000\r\n" + FORWARDED + "\r\n");
        assertThat(response).startsWith("HTTP/1.1 200").containsPattern("X-Seen: http 127\\.0\\.0\\.1:\\d+ internal:8000 /chat");
        assertThat(response).contains("Set-Cookie: sessionid=abc; Path=/; HttpOnly\r\n");
    }

    @Test
    void forwardedWinsAndTheClientIsTheFirstUntrustedHopFromTheRight() throws Exception {
        String response = exchange(PROXY, "GET /login HTTP/1.1\r\nHost: internal\r\nX-Forwarded-For: 198.51.100.1\r\n"
                + "Forwarded: for=192.0.2.9;proto=http, for=\"[2001:db8:cafe::17]:4711\";proto=https;host=\"chat.example:8443\","
                + " for=10.1.2.3;proto=http;host=lb.internal\r\n\r\n");
        assertThat(response).contains("X-Seen: https 2001:db8:cafe:0:0:0:0:17:4711 chat.example:8443 /chat");
    }

    @Test
    void xForwardedPortCompletesTheHost() throws Exception {
        String response = exchange(PROXY, "GET /login HTTP/1.1\r\nHost: internal:8000\r\nX-Forwarded-Proto: https\r\n"
                + "X-Forwarded-Host: chat.example:80\r\nX-Forwarded-Port: 8443\r\n\r\n");
        assertThat(response).containsPattern("X-Seen: https 127\\.0\\.0\\.2:\\d+ chat.example:8443 /chat");
    }

    @Test
    void malformedProxyHeadersAreIgnored() throws Exception {
        String response = exchange(PROXY, "GET /login HTTP/1.1\r\nHost: internal\r\nForwarded: for=\"unterminated\r\n\r\n");
        assertThat(response).startsWith("HTTP/1.1 200").containsPattern("X-Seen: http 127\\.0\\.0\\.2:\\d+ internal /chat");
        response = exchange(PROXY, "GET /login HTTP/1.1\r\nHost: internal\r\nX-Forwarded-For: not-an-address\r\n"
                + "X-Forwarded-Proto: gopher\r\nX-Forwarded-Host: bad host/\r\n\r\n");
        assertThat(response).startsWith("HTTP/1.1 200").containsPattern("X-Seen: http 127\\.0\\.0\\.2:\\d+ internal /chat");
    }

    @Test
    void aHandshakeThroughTheProxyIsWss() throws Exception {
        String upgrade = "GET /ws/ HTTP/1.1\r\nHost: internal\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                + "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n" + FORWARDED + "\r\n";
        assertThat(exchange(PROXY, upgrade)).startsWith("HTTP/1.1 101").contains("X-Seen: wss 203.0.113.7:0 chat.example /chat");
        assertThat(exchange(OTHER, upgrade)).startsWith("HTTP/1.1 101").containsPattern("X-Seen: ws 127\\.0\\.0\\.1:\\d+ internal /chat");
    }

    /** Sends one request from a socket bound to {@code from} and returns the response head. */
    private String exchange(String from, String request) throws IOException {
        try (Socket socket = new Socket()) {
            socket.bind(new InetSocketAddress(InetAddress.getByName(from), 0));
            socket.connect(new InetSocketAddress("127.0.0.1", port), 5_000);
            socket.setSoTimeout(10_000);
            socket.getOutputStream().write(request.getBytes(StandardCharsets.ISO_8859_1));
            return readHead(socket.getInputStream());
        }
    }

    private static String readHead(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        while (true) {
            int b = in.read();
            if (b < 0) {
                break;
            }
            head.write(b);
            String text = head.toString(StandardCharsets.ISO_8859_1);
            if (text.endsWith("\r\n\r\n")) {
                return text;
            }
        }
        return head.toString(StandardCharsets.ISO_8859_1);
    }
}
