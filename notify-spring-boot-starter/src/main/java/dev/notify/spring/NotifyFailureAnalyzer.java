package dev.notify.spring;

import dev.notify.config.InvalidConfigurationException;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.diagnostics.FailureAnalyzer;

/**
 * Spring Boot's "APPLICATION FAILED TO START" report for notify's two start-up failures: dependencies
 * too old ({@link DependencyCheck}) and bad {@code notify.*} configuration (an
 * {@link InvalidConfigurationException} listing every bad key). Other failures are left to Spring Boot.
 */
final class NotifyFailureAnalyzer implements FailureAnalyzer {

    @Override
    public FailureAnalysis analyze(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof IncompatibleDependenciesException incompatible) {
                return new FailureAnalysis("notify cannot run with the dependencies on the class path:\n\n    - "
                        + String.join("\n    - ", incompatible.problems()), incompatible.action(), incompatible);
            }
            if (cause instanceof InvalidConfigurationException invalid) {
                return new FailureAnalysis("notify's configuration is invalid:\n\n    - " + String.join("\n    - ", invalid.problems()),
                        "Fix the notify.* properties named above (application.properties, YAML, environment variables).",
                        invalid);
            }
        }
        return null;
    }
}
