package dev.notify.tck;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.AppenderBase;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.slf4j.LoggerFactory;

/**
 * The lines one logger (and its children) writes while a test runs, read through a logback appender:
 * the test binding of the modules whose tests check what is logged. Thread-safe.
 *
 * <pre>{@code
 * try (LogCapture access = LogCapture.of("notify.access")) {
 *     ...
 *     assertThat(access.awaitLine(line -> line.contains("status=200"))).contains("GET");
 * }
 * }</pre>
 */
public final class LogCapture implements AutoCloseable {
    private final Logger logger;
    private final List<String> lines = new CopyOnWriteArrayList<>();
    private final AppenderBase<ILoggingEvent> appender = new AppenderBase<>() {
        @Override
        protected void append(ILoggingEvent event) {
            String line = event.getLevel() + " " + event.getFormattedMessage();
            lines.add(event.getThrowableProxy() == null ? line
                    : line + "\n" + ThrowableProxyUtil.asString(event.getThrowableProxy()));
        }
    };

    private LogCapture(String name) {
        this.logger = (Logger) LoggerFactory.getLogger(name);
        appender.setName("capture-" + name);
        appender.setContext(logger.getLoggerContext());
        appender.start();
        logger.addAppender(appender);
    }

    /**
     * @param name a logger name, such as {@code notify.access}; its child loggers are captured too
     * @return a capture that runs until closed
     */
    public static LogCapture of(String name) {
        return new LogCapture(name);
    }

    /** @return a capture of every logger, until closed */
    public static LogCapture all() {
        return new LogCapture(org.slf4j.Logger.ROOT_LOGGER_NAME);
    }

    /**
     * @param type a class whose logger (named after it) to capture
     * @return a capture that runs until closed
     */
    public static LogCapture of(Class<?> type) {
        return new LogCapture(type.getName());
    }

    /**
     * @return the lines so far, each {@code LEVEL message}, followed by the stack trace
     *     ({@code \n\tat ...}) if one was logged; oldest first
     */
    public List<String> lines() {
        return List.copyOf(lines);
    }

    /**
     * @param matching which line to wait for
     * @return the first line that matches, once there is one
     * @throws AssertionError if none came within 10 seconds
     */
    public String awaitLine(Predicate<String> matching) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (System.nanoTime() < deadline) {
            for (String line : lines) {
                if (matching.test(line)) {
                    return line;
                }
            }
            try {
                Thread.sleep(10); // lines come from other threads, with no event to wait on
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
        throw new AssertionError("no such line within 10 s; captured: " + lines);
    }

    @Override
    public void close() {
        logger.detachAppender(appender);
        appender.stop();
    }
}
