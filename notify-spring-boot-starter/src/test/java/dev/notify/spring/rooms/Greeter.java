package dev.notify.spring.rooms;

import java.util.concurrent.atomic.AtomicInteger;
import org.springframework.stereotype.Component;

/** A singleton that consumers get through their constructor; numbers the consumers it greets. */
@Component
public class Greeter {
    private final AtomicInteger consumers = new AtomicInteger();

    String greet(String room) {
        return "welcome to " + room + ", consumer #" + consumers.incrementAndGet();
    }
}
