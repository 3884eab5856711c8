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
    void theStartFailsAndSaysSpringBoot4IsNeeded() {
        Exception failure = assertThrows(Exception.class, () -> SpringApplication.run(App.class, "--notify.server.port=0"));
        String message = failure.getMessage();
        assertTrue(message.contains("Spring Boot 3.5.7 is on the class path; notify-spring-boot-starter needs Spring Boot 4.x"), message);
    }
}
