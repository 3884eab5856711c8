package dev.notify.netty;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Micrometer is optional: a server given no registry runs in a JVM that has no Micrometer class. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class NotifyServerWithoutMicrometerTest {

    @Test
    void aServerWithoutARegistryNeedsNoMicrometer() throws Exception {
        List<String> classPath = new ArrayList<>();
        Stream.of(System.getProperty("jdk.module.path", ""), System.getProperty("java.class.path", ""))
                .flatMap(path -> Stream.of(path.split(File.pathSeparator)))
                .filter(entry -> !entry.isBlank() && !classPath.contains(entry))
                .forEach(classPath::add);
        assertThat(classPath).as("the test's own class path has Micrometer").anyMatch(entry -> entry.contains("micrometer-core"));
        classPath.removeIf(entry -> entry.contains("micrometer"));

        Process process = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", String.join(File.pathSeparator, classPath), WithoutMicrometerMain.class.getName())
                .redirectErrorStream(true)
                .start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as(output).isZero();
        assertThat(output).contains("served").doesNotContain("NoClassDefFoundError");
    }
}
