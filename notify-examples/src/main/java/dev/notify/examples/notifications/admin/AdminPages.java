package dev.notify.examples.notifications.admin;

import static dev.notify.examples.notifications.admin.Html.escape;

import dev.notify.core.auth.CsrfMiddleware;
import dev.notify.examples.notifications.store.FlashMessage;
import dev.notify.examples.notifications.store.Notification;
import dev.notify.examples.notifications.store.NotificationPage;
import dev.notify.examples.notifications.store.NotificationStore;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** The admin's HTML, laid out like Django's admin templates. Every value is escaped. */
final class AdminPages {
    private static final DateTimeFormatter CREATED = DateTimeFormatter.ofPattern("MMM d, yyyy, HH:mm:ss 'UTC'", Locale.ENGLISH);

    /**
     * What every logged-in page shows besides its content.
     *
     * @param title the page title
     * @param username the logged-in user, or {@code null}
     * @param csrfToken the token for the page's forms
     * @param flash the pending message, if any
     */
    record Context(String title, String username, String csrfToken, Optional<FlashMessage> flash) {
    }

    private AdminPages() {
    }

    static String index(Context context) {
        return layout(context, "dashboard", breadcrumbs(), """
                <div id="content-main">
                  <div class="app-notifications module">
                    <table>
                      <caption><a href="/admin/notifications/" class="section">Notifications</a></caption>
                      <tr class="model-notification">
                        <th scope="row"><a href="/admin/notifications/">Notifications</a></th>
                        <td><a href="/admin/notifications/add/" class="addlink">Add</a></td>
                        <td><a href="/admin/notifications/" class="changelink">Change</a></td>
                      </tr>
                    </table>
                  </div>
                  <p><a href="/">View the live page</a> · <a href="/home?count=9&amp;delay=2">Send a burst of 9 (/home)</a></p>
                </div>
                """);
    }

    static String login(String csrfToken, String next, String username, String error) {
        String errorNote = error == null ? "" : "<p class=\"errornote\">" + escape(error) + "</p>\n";
        return document("Log in", "login", """
                <div id="header"><div id="branding"><h1 id="site-name"><a href="/admin/">Notify administration</a></h1></div></div>
                <main id="content">
                %s<form action="/admin/login/" method="post" id="login-form">
                  %s
                  <div class="form-row">
                    <label class="required" for="id_username">Username:</label>
                    <input type="text" name="username" value="%s" autofocus autocapitalize="none" autocomplete="username" maxlength="150" required id="id_username">
                  </div>
                  <div class="form-row">
                    <label class="required" for="id_password">Password:</label>
                    <input type="password" name="password" autocomplete="current-password" required id="id_password">
                    <input type="hidden" name="next" value="%s">
                  </div>
                  <div class="submit-row"><input type="submit" value="Log in"></div>
                </form>
                </main>
                """.formatted(errorNote, csrfInput(csrfToken), escape(username), escape(next)));
    }

    static String logoutConfirm(Context context) {
        return layout(context, "logout", breadcrumbs(), """
                <p>Log out of Notify administration?</p>
                <form method="post" action="/admin/logout/">
                  %s
                  <input type="submit" value="Log out">
                  <a href="/admin/" class="button cancel-link">No, take me back</a>
                </form>
                """.formatted(csrfInput(context.csrfToken())));
    }

    static String loggedOut() {
        return document("Logged out", "logout", """
                <div id="header"><div id="branding"><h1 id="site-name"><a href="/admin/">Notify administration</a></h1></div></div>
                <main id="content">
                  <h1>Logged out</h1>
                  <p>Thanks for spending some quality time with the web site today.</p>
                  <p><a href="/admin/login/">Log in again</a></p>
                </main>
                """);
    }

    static String csrfFailure(String reason) {
        return document("403 Forbidden", "error", """
                <main id="content">
                  <h1>Forbidden <span>(403)</span></h1>
                  <p>CSRF verification failed. Request aborted.</p>
                  <p>Reason given for failure: <code>%s</code></p>
                  <p>Reload the form and submit it again; your browser must accept cookies from this site.</p>
                </main>
                """.formatted(escape(reason)));
    }

    static String changelist(Context context, ListParameters parameters, NotificationPage page, long all) {
        StringBuilder rows = new StringBuilder();
        for (Notification n : page.items()) {
            rows.append("""
                        <tr>
                          <td class="action-checkbox"><input type="checkbox" name="ids" value="%d" class="action-select" aria-label="Select this object for an action - %s"></td>
                          <th class="field-text"><a href="/admin/notifications/%d/change/">%s</a></th>
                          <td class="field-seen">%s</td>
                          <td class="field-created_at nowrap">%s</td>
                        </tr>
                    """.formatted(n.id(), escape(n.text()), n.id(), escape(n.text()), seenIcon(n.seen()),
                    escape(CREATED.format(n.createdAt()))));
        }
        String table = page.items().isEmpty()
                ? "<p class=\"paginator\">0 notifications</p>"
                : """
                <table id="result_list">
                  <thead><tr>
                    <th scope="col" class="action-checkbox-column"><span class="visually-hidden">Select</span></th>
                    <th scope="col" class="column-text">Text</th>
                    <th scope="col" class="column-seen">Seen</th>
                    <th scope="col" class="column-created_at sorted descending">Created</th>
                  </tr></thead>
                  <tbody>
                %s  </tbody>
                </table>
                """.formatted(rows);
        String searchSummary = parameters.isFiltered()
                ? "<span class=\"small quiet\">" + page.total() + " " + (page.total() == 1 ? "result" : "results")
                        + " (<a href=\"/admin/notifications/\">" + all + " total</a>)</span>"
                : "";
        return layout(context, "change-list", breadcrumbs("Notifications"), """
                <ul class="object-tools"><li><a href="/admin/notifications/add/" class="addlink">Add notification</a></li></ul>
                <div id="changelist" class="module filtered">
                  <div id="toolbar">
                    <form id="changelist-search" method="get" action="/admin/notifications/">
                      <label for="searchbar">Search</label>
                      <input type="text" size="40" name="q" value="%s" id="searchbar">
                      %s
                      <input type="submit" value="Search">
                      %s
                    </form>
                  </div>
                  <nav id="changelist-filter" aria-labelledby="changelist-filter-header">
                    <h2 id="changelist-filter-header">Filter</h2>
                    <h3>By seen</h3>
                    <ul>
                      %s
                      %s
                      %s
                    </ul>
                  </nav>
                  <form id="changelist-form" method="post" action="%s" novalidate>
                    %s
                    <div class="actions">
                      <label>Action: <select name="action" required>
                        <option value="" selected>---------</option>
                        <option value="delete_selected">Delete selected notifications</option>
                        <option value="mark_seen">Mark selected notifications as seen</option>
                        <option value="send_digest">Send digest of unseen notifications to the live pages</option>
                      </select></label>
                      <button type="submit" class="button" title="Run the selected action" name="index" value="0">Go</button>
                    </div>
                    <div class="results">
                %s    </div>
                    <p class="paginator">%s</p>
                  </form>
                </div>
                """.formatted(
                escape(parameters.search()),
                parameters.seen().map(s -> "<input type=\"hidden\" name=\"seen__exact\" value=\"" + (s ? "1" : "0") + "\">").orElse(""),
                searchSummary,
                filterLink(parameters, Optional.empty(), "All"),
                filterLink(parameters, Optional.of(true), "Yes"),
                filterLink(parameters, Optional.of(false), "No"),
                escape(parameters.url(parameters.seen(), parameters.page())),
                csrfInput(context.csrfToken()),
                table,
                paginator(parameters, page)));
    }

    static String changeForm(Context context, Notification existing, String text, boolean seen, String error) {
        boolean adding = existing == null;
        String action = adding ? "/admin/notifications/add/" : "/admin/notifications/" + existing.id() + "/change/";
        String errorNote = error == null ? "" : "<p class=\"errornote\">Please correct the error below.</p>\n";
        String fieldError = error == null ? "" : "<ul class=\"errorlist\"><li>" + escape(error) + "</li></ul>\n";
        String created = adding ? "" : """
                    <div class="form-row field-created_at">
                      <label>Created:</label><div class="readonly">%s</div>
                    </div>
                """.formatted(escape(CREATED.format(existing.createdAt())));
        String deleteLink = adding ? "" : "<p class=\"deletelink-box\"><a href=\"/admin/notifications/" + existing.id()
                + "/delete/\" class=\"deletelink\">Delete</a></p>";
        String heading = adding ? "" : "<h2>" + escape(existing.text()) + "</h2>\n";
        return layout(context, "change-form", breadcrumbs("Notifications", adding ? "Add notification" : existing.text()), """
                %s%s<form method="post" action="%s" id="notification_form" novalidate>
                  %s
                  <fieldset class="module aligned">
                    <div class="form-row field-text%s">
                      %s<label class="required" for="id_text">Text:</label>
                      <textarea name="text" cols="40" rows="4" maxlength="%d" required id="id_text">%s</textarea>
                    </div>
                    <div class="form-row field-seen">
                      <input type="checkbox" name="seen" id="id_seen"%s>
                      <label class="vCheckboxLabel" for="id_seen">Seen</label>
                    </div>
                %s  </fieldset>
                  <div class="submit-row">
                    <input type="submit" value="Save" class="default" name="_save">
                    <input type="submit" value="Save and add another" name="_addanother">
                    <input type="submit" value="Save and continue editing" name="_continue">
                    %s
                  </div>
                </form>
                """.formatted(heading, errorNote, action, csrfInput(context.csrfToken()),
                error == null ? "" : " errors", fieldError, NotificationStore.MAX_TEXT_LENGTH, escape(text),
                seen ? " checked" : "", created, deleteLink));
    }

    static String deleteConfirm(Context context, Notification notification) {
        return layout(context, "delete-confirmation",
                breadcrumbs("Notifications", notification.text(), "Delete"), """
                <p>Are you sure you want to delete the notification “%s”? All of the following related items will be deleted:</p>
                <h2>Objects</h2>
                <ul><li>Notification: <a href="/admin/notifications/%d/change/">%s</a></li></ul>
                <form method="post" action="/admin/notifications/%d/delete/">
                  %s
                  <input type="hidden" name="post" value="yes">
                  <input type="submit" value="Yes, I’m sure">
                  <a href="/admin/notifications/%d/change/" class="button cancel-link">No, take me back</a>
                </form>
                """.formatted(escape(notification.text()), notification.id(), escape(notification.text()),
                notification.id(), csrfInput(context.csrfToken()), notification.id()));
    }

    static String deleteSelectedConfirm(Context context, List<Notification> selected, String back) {
        StringBuilder items = new StringBuilder();
        StringBuilder hidden = new StringBuilder();
        for (Notification n : selected) {
            items.append("<li>Notification: <a href=\"/admin/notifications/").append(n.id()).append("/change/\">")
                    .append(escape(n.text())).append("</a></li>\n");
            hidden.append("<input type=\"hidden\" name=\"ids\" value=\"").append(n.id()).append("\">\n");
        }
        return layout(context, "delete-confirmation delete-selected-confirmation",
                breadcrumbs("Notifications", "Delete multiple objects"), """
                <p>Are you sure you want to delete the selected notifications? All of the following objects and their related items will be deleted:</p>
                <h2>Objects</h2>
                <ul>
                %s</ul>
                <form method="post" action="%s">
                  %s
                  %s<input type="hidden" name="action" value="delete_selected">
                  <input type="hidden" name="post" value="yes">
                  <input type="submit" value="Yes, I’m sure">
                  <a href="%s" class="button cancel-link">No, take me back</a>
                </form>
                """.formatted(items, escape(back), csrfInput(context.csrfToken()), hidden, escape(back)));
    }

    private static String paginator(ListParameters parameters, NotificationPage page) {
        StringBuilder out = new StringBuilder();
        if (page.pages() > 1) {
            for (int p = 1; p <= page.pages(); p++) {
                out.append(p == page.page()
                        ? "<span class=\"this-page\">" + p + "</span> "
                        : "<a href=\"" + escape(parameters.url(parameters.seen(), p)) + "\">" + p + "</a> ");
            }
        }
        out.append(page.total()).append(page.total() == 1 ? " notification" : " notifications");
        return out.toString();
    }

    private static String filterLink(ListParameters parameters, Optional<Boolean> seen, String label) {
        String selected = parameters.seen().equals(seen) ? " class=\"selected\"" : "";
        return "<li" + selected + "><a href=\"" + escape(parameters.url(seen, 1)) + "\">" + label + "</a></li>";
    }

    private static String seenIcon(boolean seen) {
        return seen
                ? "<span class=\"icon-yes\" title=\"True\">✔<span class=\"visually-hidden\">True</span></span>"
                : "<span class=\"icon-no\" title=\"False\">✘<span class=\"visually-hidden\">False</span></span>";
    }

    private static String csrfInput(String token) {
        return "<input type=\"hidden\" name=\"" + CsrfMiddleware.FORM_FIELD + "\" value=\"" + escape(token) + "\">";
    }

    private static String breadcrumbs(String... trail) {
        StringBuilder out = new StringBuilder("<nav class=\"breadcrumbs\" aria-label=\"Breadcrumbs\"><a href=\"/admin/\">Home</a>");
        for (int i = 0; i < trail.length; i++) {
            out.append(" › ");
            boolean link = i == 0 && trail.length > 1;
            out.append(link ? "<a href=\"/admin/notifications/\">" + escape(trail[i]) + "</a>" : escape(trail[i]));
        }
        return out.append("</nav>").toString();
    }

    private static String layout(Context context, String bodyClass, String breadcrumbs, String content) {
        String userTools = context.username() == null ? "" : """
                  <div id="user-tools">
                    Welcome, <strong>%s</strong>.
                    <a href="/">View site</a> /
                    <form id="logout-form" method="post" action="/admin/logout/">
                      %s
                      <button type="submit">Log out</button>
                    </form>
                  </div>
                """.formatted(escape(context.username()), csrfInput(context.csrfToken()));
        String messages = context.flash().map(m -> "<ul class=\"messagelist\"><li class=\""
                + m.level().name().toLowerCase(Locale.ROOT) + "\">" + escape(m.text()) + "</li></ul>\n").orElse("");
        return document(context.title(), bodyClass, """
                <header id="header">
                  <div id="branding"><div id="site-name"><a href="/admin/">Notify administration</a></div></div>
                %s</header>
                %s
                <main id="content">
                %s<h1>%s</h1>
                %s</main>
                """.formatted(userTools, breadcrumbs, messages, escape(context.title()), content));
    }

    private static String document(String title, String bodyClass, String body) {
        return """
                <!DOCTYPE html>
                <html lang="en">
                <head>
                <meta charset="utf-8">
                <title>%s | Notify administration</title>
                <meta name="viewport" content="width=device-width, initial-scale=1.0">
                <meta name="robots" content="NONE,NOARCHIVE">
                <link rel="stylesheet" href="/static/admin.css">
                </head>
                <body class="%s">
                %s</body>
                </html>
                """.formatted(escape(title), bodyClass, body);
    }
}
