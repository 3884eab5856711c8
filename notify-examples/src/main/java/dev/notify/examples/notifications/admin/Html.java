package dev.notify.examples.notifications.admin;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/** Escaping for HTML text and attributes, and URL query encoding. */
public final class Html {
    private Html() {
    }

    /**
     * @param text any text
     * @return the text safe inside HTML elements and quoted attributes
     */
    public static String escape(String text) {
        StringBuilder out = new StringBuilder(text.length() + 16);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#x27;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }

    /**
     * @param value a query parameter value
     * @return it, encoded for a URL query (slashes kept readable, as Django does for {@code next})
     */
    public static String query(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("%2F", "/");
    }
}
