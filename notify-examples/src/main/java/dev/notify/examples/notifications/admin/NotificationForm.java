package dev.notify.examples.notifications.admin;

import dev.notify.examples.notifications.store.NotificationStore;
import dev.notify.http.HttpRequest;

/**
 * The add/change form as posted: {@code text} (required, stripped, at most
 * {@value NotificationStore#MAX_TEXT_LENGTH} characters) and the {@code seen} checkbox.
 *
 * @param text the text as entered, stripped
 * @param seen whether the box was ticked
 * @param error the text field's error, or {@code null} when valid
 */
record NotificationForm(String text, boolean seen, String error) {

    static NotificationForm read(HttpRequest request) {
        String text = request.formField("text").orElse("").strip();
        // a ticked checkbox sends its value ("on"); an unticked one sends nothing
        boolean seen = request.formField("seen").isPresent();
        String error = null;
        if (text.isEmpty()) {
            error = "This field is required.";
        } else if (text.length() > NotificationStore.MAX_TEXT_LENGTH) {
            error = "Ensure this value has at most " + NotificationStore.MAX_TEXT_LENGTH
                    + " characters (it has " + text.length() + ").";
        }
        return new NotificationForm(text, seen, error);
    }
}
