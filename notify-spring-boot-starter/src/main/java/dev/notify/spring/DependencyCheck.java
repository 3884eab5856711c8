package dev.notify.spring;

import io.netty.util.Version;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import org.springframework.boot.SpringBootVersion;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Stops the start, before any bean exists, when the class path has an older Spring Boot, Netty or
 * Lettuce than notify was built with. Spring Boot's dependency management pins Netty and Lettuce to
 * its own versions, older than notify's, and the result otherwise fails later and obscurely
 * ({@code NoClassDefFoundError: io/netty/channel/epoll/EpollIoHandler},
 * {@code NoSuchMethodError: ...ClientOptions$Builder.replayFilter}). Written against APIs that Spring
 * Boot 3 has too, so that a Boot 3 application gets this message rather than a linkage error.
 */
final class DependencyCheck implements ApplicationContextInitializer<ConfigurableApplicationContext> {
    private static final String LETTUCE_PROBE = "io.lettuce.core.LettuceVersion";

    @Override
    public void initialize(ConfigurableApplicationContext context) {
        Map<String, String> netty = new TreeMap<>();
        Version.identify(DependencyCheck.class.getClassLoader()).forEach((artifact, v) -> netty.put(artifact, v.artifactVersion()));
        List<String> problems = problems(required(), SpringBootVersion.getVersion(), netty, lettuceVersion(context.getClassLoader()));
        if (!problems.isEmpty()) {
            throw new IncompatibleDependenciesException(required(), problems);
        }
    }

    /**
     * @param required the built-with versions: keys {@code spring-boot}, {@code netty}, {@code lettuce}
     * @param springBoot Spring Boot's version on the class path, or {@code null} if unknown
     * @param netty the Netty artifacts on the class path and their versions
     * @param lettuce Lettuce's version, or {@code null} when Lettuce is absent
     * @return one line per library that is too old
     */
    static List<String> problems(Map<String, String> required, String springBoot, Map<String, String> netty, String lettuce) {
        List<String> problems = new ArrayList<>();
        String boot = required.get("spring-boot");
        if (springBoot != null && major(springBoot) < major(boot)) {
            problems.add("Spring Boot " + springBoot + " is on the class path; notify-spring-boot-starter needs Spring Boot "
                    + major(boot) + ".x (built with " + boot + ")");
        }
        List<String> oldNetty = new ArrayList<>();
        netty.forEach((artifact, version) -> {
            if (compare(version, required.get("netty")) < 0) {
                oldNetty.add(artifact + " " + version);
            }
        });
        if (!oldNetty.isEmpty()) {
            problems.add("Netty " + required.get("netty") + " or later is needed, but the class path has " + String.join(", ", oldNetty));
        }
        if (lettuce != null && compare(lettuce, required.get("lettuce")) < 0) {
            problems.add("Lettuce " + required.get("lettuce") + " or later is needed, but the class path has lettuce-core " + lettuce);
        }
        return problems;
    }

    /** @return the versions this build was made with */
    static Map<String, String> required() {
        Properties properties = new Properties();
        try (InputStream in = DependencyCheck.class.getResourceAsStream("versions.properties")) {
            properties.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Map<String, String> versions = new TreeMap<>();
        properties.stringPropertyNames().forEach(name -> versions.put(name, properties.getProperty(name)));
        return versions;
    }

    private static String lettuceVersion(ClassLoader loader) {
        try {
            Package lettuce = Class.forName(LETTUCE_PROBE, false, loader).getPackage();
            String version = lettuce.getImplementationVersion(); // "7.7.0.RELEASE/1960d49"
            return version == null ? null : version.split("/")[0];
        } catch (ClassNotFoundException e) {
            return null; // no Redis layer: nothing to check
        }
    }

    private static int major(String version) {
        return numbers(version)[0];
    }

    /** Compares the leading numbers of two versions: 4.2.15.Final before 4.2.18.Final before 4.3.0-M1. */
    static int compare(String a, String b) {
        int[] x = numbers(a);
        int[] y = numbers(b);
        for (int i = 0; i < Math.max(x.length, y.length); i++) {
            int c = Integer.compare(i < x.length ? x[i] : 0, i < y.length ? y[i] : 0);
            if (c != 0) {
                return c;
            }
        }
        return 0;
    }

    private static int[] numbers(String version) {
        List<Integer> numbers = new ArrayList<>();
        for (String part : version.split("[.\\-]")) {
            if (part.isEmpty() || !part.chars().allMatch(Character::isDigit)) {
                break;
            }
            numbers.add(Integer.parseInt(part));
        }
        return numbers.isEmpty() ? new int[] {0} : numbers.stream().mapToInt(Integer::intValue).toArray();
    }
}
