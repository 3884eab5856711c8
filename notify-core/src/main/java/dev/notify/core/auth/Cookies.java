package dev.notify.core.auth;

import dev.notify.consumer.Scope;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** Reads every value a request sent for one cookie name, and writes {@code Set-Cookie} values. */
final class Cookies {
    private Cookies() {
    }

    /**
     * @return every value sent under {@code name}, in order: more than one means a cookie was
     *     planted beside ours (from a subdomain, or with a more specific path)
     */
    static List<String> values(Scope scope, String name) {
        List<String> headers = scope.headers().get("Cookie");
        if (headers == null) {
            String value = scope.cookies().get(name);
            return value == null ? List.of() : List.of(value);
        }
        List<String> found = new ArrayList<>(1);
        for (String header : headers) {
            for (String pair : header.split(";")) {
                int eq = pair.indexOf('=');
                if (eq > 0 && pair.substring(0, eq).trim().equals(name)) {
                    found.add(unquote(pair.substring(eq + 1).trim()));
                }
            }
        }
        return found;
    }

    private static String unquote(String value) {
        return value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"") ? value.substring(1, value.length() - 1) : value;
    }

    /**
     * @param maxAge how long the browser keeps it; zero deletes it
     * @param httpOnly whether scripts cannot read it
     * @param secure whether it travels over HTTPS only
     * @return a {@code Set-Cookie} value with {@code Path=/} and {@code SameSite=Lax}
     */
    static String setCookie(String name, String value, Duration maxAge, boolean httpOnly, boolean secure) {
        return name + "=" + value + "; Max-Age=" + maxAge.toSeconds() + "; Path=/" + (httpOnly ? "; HttpOnly" : "")
                + "; SameSite=Lax" + (secure ? "; Secure" : "");
    }
}
