package dev.notify.redis;

import static org.assertj.core.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/** A real Django Channels process (channels_redis 4.0 on Debian's /usr/bin/python3) running interop/channels_redis_peer.py. */
final class PythonPeer implements AutoCloseable {
    /** Debian's Python, which has the python3-channels-redis package (not a pyenv python3 on PATH). */
    static final String PYTHON = "/usr/bin/python3";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String INSTALL = "apt-get install -y python3-django-channels python3-channels-redis python3-msgpack";

    private final Process process;
    private final BlockingQueue<String> lines = new LinkedBlockingQueue<>();
    private final StringBuffer errors = new StringBuffer();

    private PythonPeer(Process process) {
        this.process = process;
        pump(new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8)), lines::add);
        pump(new BufferedReader(new InputStreamReader(process.getErrorStream(), StandardCharsets.UTF_8)),
                line -> errors.append(line).append('\n'));
    }

    /** Fails (never skips) when Django Channels' Redis layer is not installed for /usr/bin/python3. */
    static void requireChannelsRedis() {
        try {
            Process check = new ProcessBuilder(PYTHON, "-c", "import channels_redis.core, channels_redis.pubsub, msgpack")
                    .redirectErrorStream(true).start();
            String output = new String(check.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!check.waitFor(30, TimeUnit.SECONDS) || check.exitValue() != 0) {
                fail("the interop tests need Django Channels' channels_redis 4.0 for " + PYTHON + ", which cannot import it: "
                        + output.trim() + ". Install it with: " + INSTALL + " (.ci/run does this)");
            }
        } catch (IOException e) {
            fail("the interop tests need " + PYTHON + " with channels_redis (" + INSTALL + "): " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            fail("interrupted");
        }
    }

    static PythonPeer start(Map<String, String> environment, String... args) {
        try {
            Path script = Path.of(PythonPeer.class.getResource("/interop/channels_redis_peer.py").toURI());
            List<String> command = new ArrayList<>(List.of(PYTHON, script.toString()));
            command.addAll(List.of(args));
            ProcessBuilder builder = new ProcessBuilder(command);
            builder.environment().putAll(environment);
            return new PythonPeer(builder.start());
        } catch (IOException | URISyntaxException e) {
            throw new IllegalStateException("cannot start " + PYTHON + ": " + e.getMessage(), e);
        }
    }

    /** @return the next JSON line the script printed, failing with its stderr if none comes in time */
    JsonNode next() {
        try {
            String line = lines.poll(30, TimeUnit.SECONDS);
            if (line == null) {
                fail("the Python peer printed nothing within 30 s; alive=" + process.isAlive() + ", stderr:\n" + errors);
            }
            return JSON.readTree(line);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (IOException e) {
            throw new IllegalStateException("the Python peer printed something that is not JSON", e);
        }
    }

    /** Waits for the final {"done": true} line and a zero exit. */
    void awaitDone() {
        JsonNode last = next();
        if (!last.path("done").asBoolean()) {
            fail("expected the Python peer to finish but it printed " + last + "; stderr:\n" + errors);
        }
        try {
            if (!process.waitFor(30, TimeUnit.SECONDS) || process.exitValue() != 0) {
                fail("the Python peer did not exit cleanly; stderr:\n" + errors);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void pump(BufferedReader reader, java.util.function.Consumer<String> sink) {
        Thread thread = new Thread(() -> {
            try (reader) {
                String line;
                while ((line = reader.readLine()) != null) {
                    sink.accept(line);
                }
            } catch (IOException e) {
                // the process ended
            }
        }, "python-peer-output");
        thread.setDaemon(true);
        thread.start();
    }

    @Override
    public void close() {
        process.destroy();
    }
}
