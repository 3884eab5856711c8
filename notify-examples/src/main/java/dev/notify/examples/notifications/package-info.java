/**
 * The notification app of the original Django Channels project, rebuilt on notify.
 *
 * <p>The problem: an admin saves a notification and every open page must show the new unseen
 * count at once; a plain HTTP view must be able to push a burst of payloads to every page. The
 * original needed Django, daphne and Redis; this is one jar.
 *
 * <p>How to try it, from the repository root:
 *
 * <pre>
 * mvn -B -q package -DskipTests
 * NOTIFY_ADMIN_USER=admin NOTIFY_ADMIN_PASSWORD=change-me-now java -jar notify-examples/target/notify-examples.jar
 * </pre>
 *
 * then open {@code http://127.0.0.1:8000/} in one tab, add a notification at
 * {@code http://127.0.0.1:8000/admin/} in another, and watch the first; or open
 * {@code http://127.0.0.1:8000/home?count=9&delay=1}.
 *
 * <p>Where things are: {@link dev.notify.examples.notifications.NotificationConsumer} (the {@code /ws/test/}
 * consumer), {@link dev.notify.examples.notifications.HomeHandler} ({@code /home}),
 * {@link dev.notify.examples.notifications.Notifications} (save, then tell the group),
 * {@link dev.notify.examples.notifications.AppConfig} (every setting),
 * {@link dev.notify.examples.notifications.NotificationApp} (start-up and the command line);
 * the admin is in {@code .admin}, the JDBC storage in {@code .store}.
 */
package dev.notify.examples.notifications;
