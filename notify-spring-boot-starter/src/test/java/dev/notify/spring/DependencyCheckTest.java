package dev.notify.spring;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.springframework.boot.diagnostics.FailureAnalysis;

@Timeout(10)
class DependencyCheckTest {
    private static final Map<String, String> BUILT_WITH = Map.of("notify", "0.2.0", "spring-boot", "4.0.7",
            "netty", "4.2.18.Final", "lettuce", "7.7.0.RELEASE");

    @Test
    void theVersionsNotifyWasBuiltWithPass() {
        assertThat(DependencyCheck.problems(BUILT_WITH, "4.0.7", Map.of("netty-common", "4.2.18.Final"), "7.7.0.RELEASE")).isEmpty();
        assertThat(DependencyCheck.problems(BUILT_WITH, "4.1.0-M1", Map.of("netty-common", "4.2.20.Final"), null)).isEmpty();
    }

    @Test
    void springBootsDowngradesAreEachNamed() {
        List<String> problems = DependencyCheck.problems(BUILT_WITH, "3.5.7",
                Map.of("netty-common", "4.1.128.Final", "netty-buffer", "4.2.18.Final"), "6.8.2.RELEASE");
        assertThat(problems).hasSize(3);
        assertThat(problems.get(0)).contains("Spring Boot 3.5.7", "Spring Boot 4.x");
        assertThat(problems.get(1)).contains("Netty 4.2.18.Final or later", "netty-common 4.1.128.Final").doesNotContain("netty-buffer");
        assertThat(problems.get(2)).contains("Lettuce 7.7.0.RELEASE or later", "lettuce-core 6.8.2.RELEASE");
    }

    @Test
    void versionsCompareByTheirNumbers() {
        assertThat(DependencyCheck.compare("4.2.15.Final", "4.2.18.Final")).isNegative();
        assertThat(DependencyCheck.compare("4.2.18.Final", "4.2.18.Final")).isZero();
        assertThat(DependencyCheck.compare("4.10.0.Final", "4.2.18.Final")).isPositive();
        assertThat(DependencyCheck.compare("7.7.0.RELEASE", "7.7.0")).isZero();
    }

    @Test
    void theReportSaysHowToFixTheBuild() {
        IncompatibleDependenciesException failure = new IncompatibleDependenciesException(BUILT_WITH,
                List.of("Netty 4.2.18.Final or later is needed, but the class path has netty-common 4.2.15.Final"));
        FailureAnalysis analysis = new NotifyFailureAnalyzer().analyze(new IllegalStateException("wrapped", failure));
        assertThat(analysis.getDescription()).contains("netty-common 4.2.15.Final");
        assertThat(analysis.getAction()).contains("<netty.version>4.2.18.Final</netty.version>",
                "<lettuce.version>7.7.0.RELEASE</lettuce.version>", "io.netty:netty-bom:4.2.18.Final", "requireUpperBoundDeps");
    }

    @Test
    void theBuiltWithVersionsComeFromTheBuild() {
        assertThat(DependencyCheck.required()).containsOnlyKeys("notify", "spring-boot", "netty", "lettuce")
                .doesNotContainValue("${netty.version}");
    }
}
