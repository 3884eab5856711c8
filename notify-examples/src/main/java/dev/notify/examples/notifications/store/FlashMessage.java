package dev.notify.examples.notifications.store;

import java.util.Objects;

/**
 * A message for the next page, with Django's levels.
 *
 * @param level how it is shown
 * @param text the text
 */
public record FlashMessage(Level level, String text) {
    /** Django's message levels that the admin uses. */
    public enum Level {
        /** Something was done. */
        SUCCESS,
        /** Nothing was done, and why. */
        WARNING
    }

    /** Checks the components. */
    public FlashMessage {
        Objects.requireNonNull(level, "level");
        Objects.requireNonNull(text, "text");
    }

    /**
     * @param text the text
     * @return a success message
     */
    public static FlashMessage success(String text) {
        return new FlashMessage(Level.SUCCESS, text);
    }

    /**
     * @param text the text
     * @return a warning
     */
    public static FlashMessage warning(String text) {
        return new FlashMessage(Level.WARNING, text);
    }

    /** @return the message as one string, for a session value */
    public String encode() {
        String encoded = level.name() + ":" + text;
        return encoded.length() <= 2000 ? encoded : encoded.substring(0, 2000);
    }

    /**
     * @param encoded what {@link #encode()} made
     * @return the message
     */
    public static FlashMessage decode(String encoded) {
        int colon = encoded.indexOf(':');
        return new FlashMessage(Level.valueOf(encoded.substring(0, colon)), encoded.substring(colon + 1));
    }
}
