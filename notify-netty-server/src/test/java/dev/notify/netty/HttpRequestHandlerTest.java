package dev.notify.netty;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 60, unit = TimeUnit.SECONDS)
@DisplayName("NotifyServer answers HTTP requests through the router, on a real socket")
class HttpRequestHandlerTest {
    private static TestApp app;

    @BeforeAll
    static void start() {
        app = new TestApp(o -> o.maxHttpContentLength(1024));
    }

    @AfterAll
    static void stop() {
        app.close();
    }

    private HttpResponse<String> get(String path) throws Exception {
        return app.http.send(HttpRequest.newBuilder(app.uri(path)).build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    @DisplayName("query parameters are decoded")
    void query() throws Exception {
        HttpResponse<String> response = get("/hello?name=J%C3%BCrgen+M");
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo("hello Jürgen M");
        assertThat(response.headers().firstValue("Content-Type")).hasValue("text/plain; charset=utf-8");
    }

    @Test
    @DisplayName("the scope carries the client's address and the request headers")
    void clientAddressAndHeaders() throws Exception {
        HttpResponse<String> response = app.http.send(HttpRequest.newBuilder(app.uri("/whoami"))
                .header("User-Agent", "notify-test/1").build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.body()).isEqualTo("127.0.0.1 notify-test/1");
    }

    @Test
    @DisplayName("route parameters come from the decoded path")
    void routeParameters() throws Exception {
        assertThat(get("/items/a%20b").body()).isEqualTo("item a b");
    }

    @Test
    @DisplayName("a url-encoded form body is parsed")
    void form() throws Exception {
        HttpResponse<String> response = app.http.send(HttpRequest.newBuilder(app.uri("/form"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("a=1%262&b=x&b=y")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.body()).isEqualTo("form 1&2 [x, y]");
    }

    @Test
    @DisplayName("a form body that is not valid url-encoding gets 400 with the reason, and no stack trace in the log")
    void malformedForm() throws Exception {
        try (LogCapture log = LogCapture.start()) {
            for (String body : new String[] {"a=%zz", "a=%", "b=1&a=%4", "%zz=1"}) {
                HttpResponse<String> response = app.http.send(HttpRequest.newBuilder(app.uri("/form"))
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
                assertThat(response.statusCode()).as(body).isEqualTo(400);
                assertThat(response.body()).as(body).startsWith("Bad Request: ");
            }
            assertThat(get("/hello").statusCode()).isEqualTo(200); // a later marker: what the requests logged is in
            assertThat(log.lines()).noneMatch(line -> line.startsWith("\tat ") || line.contains(" ERROR "));
        }
    }

    @Test
    @DisplayName("a JSON body reaches the handler as sent")
    void json() throws Exception {
        HttpResponse<String> response = app.http.send(HttpRequest.newBuilder(app.uri("/json"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"n\":[1,2]}")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/json");
        assertThat(response.body()).isEqualTo("{\"got\":{\"n\":[1,2]}}");
    }

    @Test
    @DisplayName("cookies are parsed and Set-Cookie is sent back")
    void cookies() throws Exception {
        HttpResponse<String> response = app.http.send(HttpRequest.newBuilder(app.uri("/cookies"))
                .header("Cookie", "session=abc123; theme=dark").build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.body()).isEqualTo("session=abc123 theme=dark");
        assertThat(response.headers().firstValue("Set-Cookie")).hasValue("seen=yes; Path=/");
    }

    @Test
    @DisplayName("a redirect is a 302 with Location")
    void redirect() throws Exception {
        HttpResponse<String> response = get("/redirect");
        assertThat(response.statusCode()).isEqualTo(302);
        assertThat(response.headers().firstValue("Location")).hasValue("/hello");
    }

    @Test
    @DisplayName("static files come from the class path; a missing one or a path with .. is a 404")
    void staticFiles() throws Exception {
        HttpResponse<String> response = get("/static/hello.txt");
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo("static hello\n");
        assertThat(response.headers().firstValue("Content-Type")).hasValue("text/plain; charset=utf-8");
        assertThat(get("/static/missing.txt").statusCode()).isEqualTo(404);
        assertThat(get("/static/%2E%2E/simplelogger.properties").statusCode()).isEqualTo(404);
    }

    @Test
    @DisplayName("an unknown path is a 404 and a wrong method a 405 with Allow")
    void notFoundAndMethodNotAllowed() throws Exception {
        assertThat(get("/nowhere").statusCode()).isEqualTo(404);
        HttpResponse<String> response = app.http.send(HttpRequest.newBuilder(app.uri("/hello"))
                .DELETE().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(405);
        assertThat(response.headers().firstValue("Allow")).hasValue("GET");
    }

    @Test
    @DisplayName("HEAD answers with the GET headers and no body")
    void head() throws Exception {
        HttpResponse<String> response = app.http.send(HttpRequest.newBuilder(app.uri("/hello"))
                .method("HEAD", HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Length")).hasValue("11");
        assertThat(response.body()).isEmpty();
    }

    @Test
    @DisplayName("a body over the limit gets 413")
    void tooLarge() throws Exception {
        HttpResponse<String> response = app.http.send(HttpRequest.newBuilder(app.uri("/json"))
                .POST(HttpRequest.BodyPublishers.ofString("x".repeat(2000))).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(413);
    }

    @Test
    @DisplayName("pipelined requests on one keep-alive connection are answered in order")
    void keepAliveAndPipelining() throws Exception {
        try (Socket socket = new Socket("127.0.0.1", app.port)) {
            socket.setSoTimeout(5_000);
            OutputStream out = socket.getOutputStream();
            out.write(("GET /hello?name=one HTTP/1.1\r\nHost: x\r\n\r\n"
                    + "GET /nowhere HTTP/1.1\r\nHost: x\r\n\r\n"
                    + "GET /hello?name=three HTTP/1.1\r\nHost: x\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            InputStream in = socket.getInputStream();
            RawWebSocket.Handshake first = RawWebSocket.readResponse(in);
            RawWebSocket.Handshake second = RawWebSocket.readResponse(in);
            RawWebSocket.Handshake third = RawWebSocket.readResponse(in);
            assertThat(first.body()).isEqualTo("hello one");
            assertThat(second.status()).isEqualTo(404);
            assertThat(third.body()).isEqualTo("hello three");
            assertThat(third.header("Connection")).isNull();
            // the connection is still open for a fourth, which asks to close
            out.write("GET /hello HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
            RawWebSocket.Handshake fourth = RawWebSocket.readResponse(in);
            assertThat(fourth.header("Connection")).isEqualTo("close");
            assertThat(in.read()).isEqualTo(-1);
        }
    }
}
