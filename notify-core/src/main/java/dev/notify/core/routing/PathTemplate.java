package dev.notify.core.routing;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A path with named parameters: {@code /ws/chat/{room}/} matches {@code /ws/chat/lobby/} and captures
 * {@code room=lobby}. A parameter matches one non-empty segment (no {@code /}); {@code {rest*}} at
 * the end matches the rest of the path, slashes included. Everything else matches literally.
 *
 * @since 0.1
 */
public final class PathTemplate {
    private static final Pattern PARAMETER = Pattern.compile("\\{([A-Za-z_][A-Za-z0-9_]*)(\\*?)}");

    private final String template;
    private final Pattern pattern;
    private final List<String> names;

    private PathTemplate(String template) {
        if (!template.startsWith("/")) {
            throw new IllegalArgumentException("path template must start with '/' but was '" + template + "'");
        }
        this.template = template;
        List<String> found = new ArrayList<>();
        StringBuilder regex = new StringBuilder();
        Matcher m = PARAMETER.matcher(template);
        int last = 0;
        while (m.find()) {
            regex.append(Pattern.quote(template.substring(last, m.start())));
            boolean rest = !m.group(2).isEmpty();
            if (rest && m.end() != template.length()) {
                throw new IllegalArgumentException("'{" + m.group(1) + "*}' must end the template '" + template + "'");
            }
            if (found.contains(m.group(1))) {
                throw new IllegalArgumentException("parameter '" + m.group(1) + "' appears twice in '" + template + "'");
            }
            found.add(m.group(1));
            regex.append(rest ? "(.*)" : "([^/]+)");
            last = m.end();
        }
        regex.append(Pattern.quote(template.substring(last)));
        if (template.indexOf('{', last) >= 0 || template.substring(last).contains("}")) {
            throw new IllegalArgumentException("unbalanced or invalid parameter in path template '" + template
                    + "'; write parameters as {name} with letters, digits and '_'");
        }
        this.pattern = Pattern.compile(regex.toString());
        this.names = List.copyOf(found);
    }

    /**
     * @param template the template
     * @return the parsed template
     * @throws IllegalArgumentException if the template is malformed
     */
    public static PathTemplate parse(String template) {
        return new PathTemplate(template);
    }

    /**
     * @param path a decoded request path
     * @return the captured parameters if the path matches
     */
    public Optional<Map<String, String>> match(String path) {
        Matcher m = pattern.matcher(path);
        if (!m.matches()) {
            return Optional.empty();
        }
        Map<String, String> params = new LinkedHashMap<>();
        for (int i = 0; i < names.size(); i++) {
            params.put(names.get(i), m.group(i + 1));
        }
        return Optional.of(Collections.unmodifiableMap(params));
    }

    /** @return the names of the parameters, in order */
    public List<String> parameterNames() {
        return names;
    }

    @Override
    public String toString() {
        return template;
    }
}
