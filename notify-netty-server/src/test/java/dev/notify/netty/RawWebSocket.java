package dev.notify.netty;

import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.zip.DataFormatException;
import java.util.zip.Deflater;
import java.util.zip.Inflater;

/**
 * A WebSocket client over a plain socket, for the tests that need what real clients refuse to do:
 * fragmented, oversized or invalid frames, compressed frames, never answering pings, vanishing.
 */
final class RawWebSocket implements AutoCloseable {
    static final int TEXT = 0x1;
    static final int BINARY = 0x2;
    static final int CONTINUATION = 0x0;
    static final int CLOSE = 0x8;
    static final int PING = 0x9;
    static final int PONG = 0xA;

    /** The server's answer to the handshake. */
    record Handshake(int status, Map<String, String> headers, String body) {
        String header(String name) {
            return headers.get(name.toLowerCase(Locale.ROOT));
        }
    }

    /** A frame from the server. */
    record Frame(boolean fin, boolean rsv1, int opcode, byte[] payload) {
        String text() {
            return new String(payload, StandardCharsets.UTF_8);
        }

        int closeCode() {
            return payload.length >= 2 ? ((payload[0] & 0xFF) << 8) | (payload[1] & 0xFF) : 1005;
        }
    }

    final Socket socket;
    final Handshake handshake;
    private final InputStream in;
    private final OutputStream out;

    private RawWebSocket(Socket socket, Handshake handshake) throws IOException {
        this.socket = socket;
        this.handshake = handshake;
        this.in = socket.getInputStream();
        this.out = socket.getOutputStream();
    }

    static RawWebSocket connect(int port, String path, Map<String, String> headers) throws IOException {
        return connect(port, path, headers, 0);
    }

    /** @param receiveBuffer the socket's receive buffer, or 0 for the system's */
    static RawWebSocket connect(int port, String path, Map<String, String> headers, int receiveBuffer) throws IOException {
        Socket socket = new Socket();
        if (receiveBuffer > 0) {
            socket.setReceiveBufferSize(receiveBuffer);
        }
        socket.connect(new java.net.InetSocketAddress("127.0.0.1", port), 5_000);
        socket.setSoTimeout(5_000);
        StringBuilder request = new StringBuilder()
                .append("GET ").append(path).append(" HTTP/1.1\r\n")
                .append("Host: 127.0.0.1:").append(port).append("\r\n")
                .append("Upgrade: websocket\r\nConnection: Upgrade\r\n")
                .append("Sec-WebSocket-Key: ").append(Base64.getEncoder().encodeToString(randomBytes(16))).append("\r\n")
                .append("Sec-WebSocket-Version: 13\r\n");
        headers.forEach((k, v) -> request.append(k).append(": ").append(v).append("\r\n"));
        request.append("\r\n");
        socket.getOutputStream().write(request.toString().getBytes(StandardCharsets.ISO_8859_1));
        socket.getOutputStream().flush();
        return new RawWebSocket(socket, readResponse(socket.getInputStream()));
    }

    /** Reads an HTTP response head (and its body, by Content-Length). */
    static Handshake readResponse(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        int matched = 0;
        while (matched < 4) {
            int b = in.read();
            if (b < 0) {
                throw new EOFException("connection closed during the response head: " + head.toString(StandardCharsets.ISO_8859_1));
            }
            head.write(b);
            matched = (b == '\r' && (matched == 0 || matched == 2)) || (b == '\n' && (matched == 1 || matched == 3)) ? matched + 1 : 0;
        }
        String[] lines = head.toString(StandardCharsets.ISO_8859_1).split("\r\n");
        int status = Integer.parseInt(lines[0].split(" ")[1]);
        Map<String, String> headers = new LinkedHashMap<>();
        for (int i = 1; i < lines.length; i++) {
            int colon = lines[i].indexOf(':');
            if (colon > 0) {
                headers.merge(lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT), lines[i].substring(colon + 1).trim(),
                        (a, b) -> a + ", " + b);
            }
        }
        String body = "";
        String length = headers.get("content-length");
        if (length != null && status != 101) {
            body = new String(in.readNBytes(Integer.parseInt(length)), StandardCharsets.UTF_8);
        }
        return new Handshake(status, headers, body);
    }

    void send(boolean fin, int opcode, byte[] payload) throws IOException {
        send(fin, false, opcode, payload);
    }

    void send(boolean fin, boolean rsv1, int opcode, byte[] payload) throws IOException {
        write(frame((fin ? 0x80 : 0) | (rsv1 ? 0x40 : 0) | opcode, true, payload));
    }

    /**
     * @param firstByte FIN, the three RSV bits and the opcode, as they go on the wire
     * @param masked whether to mask the payload, as a client must
     * @return the encoded frame
     */
    static byte[] frame(int firstByte, boolean masked, byte[] payload) {
        ByteArrayOutputStream frame = new ByteArrayOutputStream();
        frame.write(firstByte);
        int maskBit = masked ? 0x80 : 0;
        if (payload.length <= 125) {
            frame.write(maskBit | payload.length);
        } else if (payload.length <= 0xFFFF) {
            frame.write(maskBit | 126);
            frame.write(payload.length >>> 8);
            frame.write(payload.length);
        } else {
            frame.write(maskBit | 127);
            for (int shift = 56; shift >= 0; shift -= 8) {
                frame.write((int) ((long) payload.length >>> shift));
            }
        }
        if (!masked) {
            frame.writeBytes(payload);
            return frame.toByteArray();
        }
        byte[] mask = randomBytes(4);
        frame.writeBytes(mask);
        for (int i = 0; i < payload.length; i++) {
            frame.write(payload[i] ^ mask[i % 4]);
        }
        return frame.toByteArray();
    }

    /** Writes bytes as they are: a frame from {@link #frame}, part of one, or anything else. */
    void write(byte[] bytes) throws IOException {
        out.write(bytes);
        out.flush();
    }

    void sendText(String text) throws IOException {
        send(true, TEXT, text.getBytes(StandardCharsets.UTF_8));
    }

    void sendClose(int code) throws IOException {
        send(true, CLOSE, new byte[] {(byte) (code >>> 8), (byte) code});
    }

    /** Sends a text message compressed with permessage-deflate (no context takeover needed by the server). */
    void sendCompressedText(String text) throws IOException {
        Deflater deflater = new Deflater(Deflater.DEFAULT_COMPRESSION, true);
        deflater.setInput(text.getBytes(StandardCharsets.UTF_8));
        byte[] buffer = new byte[text.length() + 64];
        int n = deflater.deflate(buffer, 0, buffer.length, Deflater.SYNC_FLUSH);
        deflater.end();
        // RFC 7692 7.2.1: drop the 00 00 FF FF tail of the sync flush
        byte[] payload = java.util.Arrays.copyOf(buffer, n - 4);
        send(true, true, TEXT, payload);
    }

    /**
     * @return the text as raw deflate data ending with a sync flush (an empty stored block), so that
     *     more deflate data can follow it in a continuation frame
     */
    static byte[] deflateBlock(String text) {
        Deflater deflater = new Deflater(Deflater.DEFAULT_COMPRESSION, true);
        deflater.setInput(text.getBytes(StandardCharsets.UTF_8));
        byte[] buffer = new byte[text.length() + 64];
        int n = deflater.deflate(buffer, 0, buffer.length, Deflater.SYNC_FLUSH);
        deflater.end();
        return java.util.Arrays.copyOf(buffer, n);
    }

    static String inflate(byte[] payload) {
        Inflater inflater = new Inflater(true);
        byte[] input = java.util.Arrays.copyOf(payload, payload.length + 4);
        input[payload.length + 2] = (byte) 0xFF;
        input[payload.length + 3] = (byte) 0xFF;
        inflater.setInput(input);
        ByteArrayOutputStream text = new ByteArrayOutputStream();
        byte[] buffer = new byte[1024];
        try {
            int n;
            while ((n = inflater.inflate(buffer)) > 0) {
                text.write(buffer, 0, n);
            }
        } catch (DataFormatException e) {
            throw new AssertionError("the server's frame is not valid deflate data", e);
        } finally {
            inflater.end();
        }
        return text.toString(StandardCharsets.UTF_8);
    }

    /** @return the next frame; fails if none comes in time or the connection ends */
    Frame read(Duration timeout) throws IOException {
        socket.setSoTimeout((int) timeout.toMillis());
        int b0 = readByte();
        int b1 = readByte();
        long length = b1 & 0x7F;
        if (length == 126) {
            length = (readByte() << 8) | readByte();
        } else if (length == 127) {
            length = 0;
            for (int i = 0; i < 8; i++) {
                length = (length << 8) | readByte();
            }
        }
        if ((b1 & 0x80) != 0) {
            throw new AssertionError("the server masked a frame");
        }
        byte[] payload = in.readNBytes((int) length);
        if (payload.length != length) {
            throw new EOFException("connection closed inside a frame");
        }
        return new Frame((b0 & 0x80) != 0, (b0 & 0x40) != 0, b0 & 0x0F, payload);
    }

    /** @return the next frame that is not a ping */
    Frame readData(Duration timeout) throws IOException {
        Frame frame;
        do {
            frame = read(timeout);
        } while (frame.opcode() == PING);
        return frame;
    }

    private int readByte() throws IOException {
        int b = in.read();
        if (b < 0) {
            throw new EOFException("the server closed the connection");
        }
        return b;
    }

    /** @return whether the server closed the TCP connection within the timeout (frames before are skipped) */
    boolean awaitEndOfStream(Duration timeout) throws IOException {
        long deadline = System.nanoTime() + timeout.toNanos();
        byte[] sink = new byte[8192];
        while (System.nanoTime() < deadline) {
            socket.setSoTimeout((int) Math.max(1, (deadline - System.nanoTime()) / 1_000_000));
            try {
                if (in.read(sink) < 0) {
                    return true;
                }
            } catch (SocketTimeoutException e) {
                return false;
            } catch (IOException e) {
                return true; // reset by the server
            }
        }
        return false;
    }

    /** Vanishes without a close frame: the kernel sends a reset. */
    void vanish() throws IOException {
        socket.setSoLinger(true, 0);
        socket.close();
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }

    private static byte[] randomBytes(int n) {
        byte[] bytes = new byte[n];
        ThreadLocalRandom.current().nextBytes(bytes);
        return bytes;
    }
}
