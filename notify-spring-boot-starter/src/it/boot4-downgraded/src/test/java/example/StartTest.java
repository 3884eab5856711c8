package example;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

@Timeout(60)
class StartTest {
    @SpringBootApplication
    static class App {
    }

    @Test
    void theStartFailsAndSaysWhichVersionsToSet() {
        Exception failure = assertThrows(Exception.class, () -> SpringApplication.run(App.class, "--notify.server.port=0"));
        String message = failure.getMessage();
        assertTrue(message.contains(" or later is needed, but the class path has netty-"), message);
        assertTrue(message.contains(" or later is needed, but the class path has lettuce-core 6."), message);
        assertTrue(message.contains("<netty.version>"), message);
    }
}
