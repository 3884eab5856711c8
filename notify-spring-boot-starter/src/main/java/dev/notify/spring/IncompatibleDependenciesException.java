package dev.notify.spring;

import java.util.List;
import java.util.Map;

/** Thrown by {@link DependencyCheck}; {@link NotifyFailureAnalyzer} turns it into Spring Boot's start-up report. */
final class IncompatibleDependenciesException extends IllegalStateException {
    private static final long serialVersionUID = 1L;

    private final transient List<String> problems;
    private final transient Map<String, String> required;

    IncompatibleDependenciesException(Map<String, String> required, List<String> problems) {
        super("notify " + required.get("notify") + " cannot run with these dependencies: " + String.join("; ", problems)
                + ". " + action(required));
        this.required = required;
        this.problems = List.copyOf(problems);
    }

    List<String> problems() {
        return problems;
    }

    String action() {
        return action(required);
    }

    private static String action(Map<String, String> required) {
        String netty = required.get("netty");
        String lettuce = required.get("lettuce");
        return "Use Spring Boot " + required.get("spring-boot").replaceAll("^(\\d+)\\..*", "$1") + ".x, and give Netty and Lettuce"
                + " the versions notify needs (Spring Boot's dependency management lowers them):\n"
                + "    - with spring-boot-starter-parent, in the pom's <properties>: <netty.version>" + netty
                + "</netty.version> <lettuce.version>" + lettuce + "</lettuce.version>\n"
                + "    - with the spring-boot-dependencies BOM imported: import io.netty:netty-bom:" + netty
                + " and declare io.lettuce:lettuce-core:" + lettuce + " in <dependencyManagement> before it\n"
                + "    - with Gradle's dependency-management plugin: ext['netty.version'] = '" + netty
                + "' and ext['lettuce.version'] = '" + lettuce + "'\n"
                + "Maven's enforcer rule requireUpperBoundDeps reports such a downgrade when the application is built.";
    }
}
