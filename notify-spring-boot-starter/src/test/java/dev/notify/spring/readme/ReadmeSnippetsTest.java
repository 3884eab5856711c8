package dev.notify.spring.readme;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Every Java snippet of the README is a compiled source file of this module, verbatim. */
@Timeout(10)
class ReadmeSnippetsTest {
    private static final Pattern JAVA = Pattern.compile("```java\n(.*?)```", Pattern.DOTALL);

    @Test
    void everyJavaSnippetIsCompiledSource() throws IOException {
        String readme = Files.readString(Path.of("README.md"));
        List<String> sources = new ArrayList<>();
        for (String root : List.of("src/main/java", "src/test/java")) {
            try (Stream<Path> files = Files.walk(Path.of(root))) {
                for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                    sources.add(Files.readString(file));
                }
            }
        }
        Matcher snippet = JAVA.matcher(readme);
        int count = 0;
        while (snippet.find()) {
            String code = snippet.group(1);
            assertThat(sources).as("a source file containing%n%s", code).anyMatch(source -> source.contains(code));
            count++;
        }
        assertThat(count).isGreaterThanOrEqualTo(2);
    }
}
