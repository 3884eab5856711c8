package dev.notify.netty.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Parses the RFC 7239 {@code Forwarded} header: elements of {@code name=value} pairs, values tokens or quoted strings. */
final class ForwardedParser {
    private final String text;
    private int at;

    private ForwardedParser(String text) {
        this.text = text;
    }

    /**
     * @param header the header's values joined with {@code ,}
     * @return the elements, each its pairs {@code {lower-case name, value}}; {@code null} if malformed
     */
    static List<List<String[]>> parse(String header) {
        return new ForwardedParser(header).elements();
    }

    private List<List<String[]>> elements() {
        List<List<String[]>> elements = new ArrayList<>();
        List<String[]> element = new ArrayList<>();
        while (true) {
            skipSpace();
            if (at < text.length() && (text.charAt(at) == ',' || text.charAt(at) == ';')) {
                // empty list members are allowed (RFC 7230 #rule)
            } else {
                String name = token();
                if (name == null || !consume('=')) {
                    return null;
                }
                String value = at < text.length() && text.charAt(at) == '"' ? quoted() : token();
                if (value == null) {
                    return null;
                }
                element.add(new String[] {name.toLowerCase(Locale.ROOT), value});
            }
            skipSpace();
            if (at == text.length()) {
                break;
            }
            char separator = text.charAt(at++);
            if (separator == ',') {
                if (!element.isEmpty()) {
                    elements.add(element);
                }
                element = new ArrayList<>();
            } else if (separator != ';') {
                return null;
            }
        }
        if (!element.isEmpty()) {
            elements.add(element);
        }
        return elements.isEmpty() ? null : elements;
    }

    private String token() {
        int start = at;
        while (at < text.length() && isTokenChar(text.charAt(at))) {
            at++;
        }
        return at > start ? text.substring(start, at) : null;
    }

    private String quoted() {
        StringBuilder value = new StringBuilder();
        at++;
        while (at < text.length()) {
            char c = text.charAt(at++);
            if (c == '"') {
                return value.toString();
            }
            if (c == '\\') {
                if (at == text.length()) {
                    return null;
                }
                c = text.charAt(at++);
            }
            value.append(c);
        }
        return null;
    }

    private boolean consume(char c) {
        if (at < text.length() && text.charAt(at) == c) {
            at++;
            return true;
        }
        return false;
    }

    private void skipSpace() {
        while (at < text.length() && (text.charAt(at) == ' ' || text.charAt(at) == '\t')) {
            at++;
        }
    }

    private static boolean isTokenChar(char c) {
        return c > 32 && c < 127 && "()<>@,;:\\\"/[]?={}".indexOf(c) < 0;
    }
}
