package dev.notify.examples.spring;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The README shows the application class and its properties as they are compiled and run. */
@Timeout(10)
class ReadmeTest {

    @Test
    void theReadmeShowsTheWholeApplicationVerbatim() throws IOException {
        String readme = Files.readString(Path.of("README.md"));
        assertThat(readme)
                .contains("```java\n" + Files.readString(Path.of("src/main/java/dev/notify/examples/spring/NotificationsApplication.java")) + "```")
                .contains("```properties\n" + Files.readString(Path.of("src/main/resources/application.properties")) + "```");
    }
}
