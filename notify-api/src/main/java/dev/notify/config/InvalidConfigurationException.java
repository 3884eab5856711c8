package dev.notify.config;

import dev.notify.NotifyException;
import java.util.List;

/**
 * Configuration that cannot be used: every bad key is listed with its value, the reason, and the
 * valid choices where there is a fixed set.
 *
 * @since 0.1
 */
public class InvalidConfigurationException extends NotifyException {
    private static final long serialVersionUID = 1L;

    /** One line per bad key. */
    private final List<String> problems;

    /**
     * @param problems one line per bad key
     */
    public InvalidConfigurationException(List<String> problems) {
        super("invalid configuration:\n  " + String.join("\n  ", problems));
        this.problems = List.copyOf(problems);
    }

    /**
     * @param problem the one bad key
     */
    public InvalidConfigurationException(String problem) {
        this(List.of(problem));
    }

    /** @return one line per bad key */
    public List<String> problems() {
        return problems;
    }
}
