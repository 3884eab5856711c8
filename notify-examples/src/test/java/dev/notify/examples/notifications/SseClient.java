package dev.notify.examples.notifications;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;

/**
 * An {@code EventSource} over a raw socket: sends a GET, reads the head, then decodes the chunked
 * body into events (the text up to each blank line). Every read has a timeout.
 */
final class SseClient implements AutoCloseable {
    private static final Duration WAIT = Duration.ofSeconds(10);

    private final Socket socket;
    private final InputStream in;
    private final String head;
    private final StringBuilder body = new StringBuilder();

    private SseClient(Socket socket, String head) throws IOException {
        this.socket = socket;
        this.in = socket.getInputStream();
        this.head = head;
    }

    static SseClient open(int port, String path, Map<String, String> headers) throws IOException {
        Socket socket = new Socket();
        socket.connect(new InetSocketAddress("127.0.0.1", port), (int) WAIT.toMillis());
        socket.setSoTimeout((int) WAIT.toMillis());
        StringBuilder request = new StringBuilder("GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1:" + port
                + "\r\nAccept: text/event-stream\r\n");
        headers.forEach((name, value) -> request.append(name).append(": ").append(value).append("\r\n"));
        OutputStream out = socket.getOutputStream();
        out.write(request.append("\r\n").toString().getBytes(StandardCharsets.US_ASCII));
        out.flush();
        InputStream in = socket.getInputStream();
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        while (!head.toString(StandardCharsets.ISO_8859_1).endsWith("\r\n\r\n")) {
            int b = in.read();
            if (b < 0) {
                socket.close();
                throw new AssertionError("the connection ended in the head: " + head);
            }
            head.write(b);
        }
        return new SseClient(socket, head.toString(StandardCharsets.ISO_8859_1));
    }

    /** @return the response head: status line and headers */
    String head() {
        return head;
    }

    /** @return the next event or comment, without its closing blank line */
    String nextEvent() throws IOException {
        int end;
        while ((end = body.indexOf("\n\n")) < 0) {
            String chunk = readChunk();
            if (chunk == null) {
                throw new AssertionError("the stream ended; unread: " + body);
            }
            body.append(chunk);
        }
        String event = body.substring(0, end);
        body.delete(0, end + 2);
        return event;
    }

    /** @return whether the server closed the connection before {@code timeout} passed */
    boolean awaitClose(Duration timeout) throws IOException {
        socket.setSoTimeout((int) timeout.toMillis());
        try {
            while (in.read() >= 0) {
                // drain what is left
            }
            return true;
        } catch (SocketTimeoutException e) {
            return false;
        }
    }

    private String readChunk() throws IOException {
        int size = Integer.parseInt(line(), 16);
        byte[] data = in.readNBytes(size);
        line();
        return size == 0 ? null : new String(data, StandardCharsets.UTF_8);
    }

    private String line() throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        int b;
        while ((b = in.read()) != '\n') {
            if (b < 0) {
                throw new AssertionError("the connection ended mid-line: " + line);
            }
            line.write(b);
        }
        return line.toString(StandardCharsets.UTF_8).strip();
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
