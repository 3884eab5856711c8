package dev.notify.core.routing;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * A path with named, typed parameters, as Django's {@code path()} converters and
 * {@code re_path()}: {@code /ws/chat/{room}/} matches {@code /ws/chat/lobby/} and captures
 * {@code room=lobby}. Everything outside braces matches literally.
 *
 * <table>
 * <caption>Parameters</caption>
 * <tr><th>written</th><th>matches</th><th>value</th></tr>
 * <tr><td>{@code {name}}, {@code {name:str}}</td><td>one non-empty segment (no {@code /})</td><td>{@code String}</td></tr>
 * <tr><td>{@code {id:int}}</td><td>digits, up to {@link Long#MAX_VALUE}</td><td>{@code Long}</td></tr>
 * <tr><td>{@code {name:slug}}</td><td>ASCII letters, digits, {@code -} and {@code _}</td><td>{@code String}</td></tr>
 * <tr><td>{@code {key:uuid}}</td><td>a lower-case UUID such as {@code 075194d3-6885-417e-a8a8-6c931e272f00}</td><td>{@code UUID}</td></tr>
 * <tr><td>{@code {rest:path}}</td><td>the rest of the path, slashes included, not empty</td><td>{@code String}</td></tr>
 * <tr><td>{@code {rest*}} at the end</td><td>the rest of the path, possibly empty</td><td>{@code String}</td></tr>
 * <tr><td>{@code {year:[0-9]{4}}}</td><td>the regular expression, within the path</td><td>{@code String}</td></tr>
 * </table>
 *
 * <p>A path whose value does not fit its parameter (letters for an {@code int}, a number too
 * large) does not match, so routing goes on to the next route and ends in 404.
 *
 * @since 0.1
 */
public final class PathTemplate {
    private static final Pattern NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

    /** A converter: what it matches, and how the matched text becomes the value (null: no match). */
    private record Converter(String regex, Function<String, Object> value) {
    }

    private static final Map<String, Converter> CONVERTERS = Map.of(
            "str", new Converter("[^/]+", text -> text),
            "int", new Converter("[0-9]+", PathTemplate::parseLong),
            "slug", new Converter("[-a-zA-Z0-9_]+", text -> text),
            "uuid", new Converter("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}", UUID::fromString),
            "path", new Converter(".+", text -> text));
    private static final Converter REST = new Converter(".*", text -> text);

    private final String template;
    private final Pattern pattern;
    private final List<String> names;
    private final List<Converter> converters;

    private PathTemplate(String template) {
        if (!template.startsWith("/")) {
            throw new IllegalArgumentException("path template must start with '/' but was '" + template + "'");
        }
        this.template = template;
        List<String> found = new ArrayList<>();
        List<Converter> kinds = new ArrayList<>();
        StringBuilder regex = new StringBuilder();
        int i = 0;
        while (i < template.length()) {
            int open = template.indexOf('{', i);
            int close = template.indexOf('}', i);
            if (close >= 0 && (open < 0 || close < open)) {
                throw malformed("'}' without '{'");
            }
            if (open < 0) {
                regex.append(Pattern.quote(template.substring(i)));
                break;
            }
            regex.append(Pattern.quote(template.substring(i, open)));
            int end = closingBrace(open);
            String parameter = template.substring(open + 1, end);
            int colon = parameter.indexOf(':');
            String name = colon < 0 ? parameter : parameter.substring(0, colon);
            Converter converter;
            if (colon < 0 && name.endsWith("*")) {
                name = name.substring(0, name.length() - 1);
                if (end != template.length() - 1) {
                    throw new IllegalArgumentException("'{" + name + "*}' must end the template '" + template + "'");
                }
                converter = REST;
            } else {
                converter = colon < 0 ? CONVERTERS.get("str") : converter(parameter.substring(colon + 1));
            }
            if (!NAME.matcher(name).matches()) {
                throw malformed("'" + name + "' is not a parameter name; use letters, digits and '_'");
            }
            if (found.contains(name)) {
                throw new IllegalArgumentException("parameter '" + name + "' appears twice in '" + template + "'");
            }
            found.add(name);
            kinds.add(converter);
            regex.append("(?<p").append(found.size() - 1).append('>').append(converter.regex()).append(')');
            i = end + 1;
        }
        this.pattern = Pattern.compile(regex.toString());
        this.names = List.copyOf(found);
        this.converters = List.copyOf(kinds);
    }

    /** @return the index of the brace that closes the one at {@code open}; regexes may nest braces */
    private int closingBrace(int open) {
        int depth = 0;
        for (int i = open; i < template.length(); i++) {
            char c = template.charAt(i);
            if (c == '\\') {
                i++;
            } else if (c == '{') {
                depth++;
            } else if (c == '}' && --depth == 0) {
                return i;
            }
        }
        throw malformed("'{' without '}'");
    }

    private Converter converter(String spec) {
        Converter known = CONVERTERS.get(spec.toLowerCase(Locale.ROOT));
        if (known != null) {
            return known;
        }
        try {
            Pattern.compile(spec);
        } catch (PatternSyntaxException e) {
            throw malformed("'" + spec + "' is neither a converter (str, int, slug, uuid, path) nor a regular expression: "
                    + e.getDescription());
        }
        return new Converter("(?:" + spec + ")", text -> text);
    }

    private IllegalArgumentException malformed(String problem) {
        return new IllegalArgumentException("malformed path template '" + template + "': " + problem
                + "; write parameters as {name}, {name:int|slug|uuid|path|str}, {name:regex} or {rest*}");
    }

    private static Object parseLong(String digits) {
        try {
            return Long.parseLong(digits);
        } catch (NumberFormatException e) {
            return null; // too large: no match
        }
    }

    /**
     * @param template the template
     * @return the parsed template
     * @throws IllegalArgumentException if the template is malformed, naming the problem
     */
    public static PathTemplate parse(String template) {
        return new PathTemplate(template);
    }

    /**
     * @param path a decoded request path
     * @return the parameters' values ({@code String}, {@code Long} or {@code UUID}, in template
     *     order) if the path matches and every value fits
     */
    public Optional<Map<String, Object>> match(String path) {
        Matcher m = pattern.matcher(path);
        if (!m.matches()) {
            return Optional.empty();
        }
        Map<String, Object> values = new LinkedHashMap<>();
        for (int i = 0; i < names.size(); i++) {
            Object value = converters.get(i).value().apply(m.group("p" + i));
            if (value == null) {
                return Optional.empty();
            }
            values.put(names.get(i), value);
        }
        return Optional.of(Collections.unmodifiableMap(values));
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
