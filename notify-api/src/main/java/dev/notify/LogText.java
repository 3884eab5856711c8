package dev.notify;

/**
 * Makes text that came from a client safe to log: control characters are escaped, so that a line
 * break cannot forge a log line and an escape sequence cannot drive the reader's terminal, and long
 * values are cut, so that one message cannot flood the log.
 *
 * <pre>{@code
 * log.info("received from {}: {}", session.channelName(), LogText.of(text));
 * }</pre>
 *
 * <p>Escaped: {@code \n}, {@code \r}, {@code \t}, the backslash itself (so that an escape is never
 * ambiguous), and as {@code \}{@code uXXXX} every other ISO control character, the Unicode line and
 * paragraph separators, and format characters such as the bidirectional overrides.
 *
 * @since 0.1
 */
public final class LogText {
    /** The characters of a value kept by {@link #of(CharSequence)}: 200. */
    public static final int DEFAULT_MAX_LENGTH = 200;

    private LogText() {
    }

    /**
     * @param text a value from a client, or {@code null}
     * @return the value escaped and cut to {@value #DEFAULT_MAX_LENGTH} characters, with how many
     *     more there were; {@code "null"} for {@code null}
     */
    public static String of(CharSequence text) {
        return of(text, DEFAULT_MAX_LENGTH);
    }

    /**
     * @param text a value from a client, or {@code null}
     * @param maxLength the characters of the value to keep
     * @return the value escaped and cut to {@code maxLength} characters, with how many more there
     *     were; {@code "null"} for {@code null}
     * @throws IllegalArgumentException if {@code maxLength} is negative
     */
    public static String of(CharSequence text, int maxLength) {
        if (maxLength < 0) {
            throw new IllegalArgumentException("maxLength must be >= 0 but was " + maxLength);
        }
        if (text == null) {
            return "null";
        }
        int kept = Math.min(text.length(), maxLength);
        if (kept < text.length() && kept > 0 && Character.isHighSurrogate(text.charAt(kept - 1))) {
            kept--; // do not cut a character in two
        }
        StringBuilder out = new StringBuilder(kept + 16);
        for (int i = 0; i < kept; i++) {
            char c = text.charAt(i);
            switch (c) {
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                case '\\' -> out.append("\\\\");
                default -> {
                    if (needsEscape(c)) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        if (kept < text.length()) {
            out.append("... (").append(text.length() - kept).append(" more characters)");
        }
        return out.toString();
    }

    private static boolean needsEscape(char c) {
        if (Character.isISOControl(c)) {
            return true;
        }
        int type = Character.getType(c);
        return type == Character.LINE_SEPARATOR || type == Character.PARAGRAPH_SEPARATOR || type == Character.FORMAT;
    }
}
