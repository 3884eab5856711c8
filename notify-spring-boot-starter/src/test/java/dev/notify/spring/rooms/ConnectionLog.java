package dev.notify.spring.rooms;

import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import org.springframework.stereotype.Component;

/** What the consumers saw, for the tests: "disconnect <room> <code>" lines. */
@Component
public class ConnectionLog {
    /** The events, in order. */
    public final BlockingQueue<String> events = new LinkedBlockingQueue<>();
}
