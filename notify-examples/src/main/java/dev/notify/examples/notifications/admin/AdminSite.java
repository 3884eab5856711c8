package dev.notify.examples.notifications.admin;

import dev.notify.examples.notifications.Notifications;
import dev.notify.examples.notifications.store.AdminSession;
import dev.notify.examples.notifications.store.AdminUser;
import dev.notify.examples.notifications.store.FlashMessage;
import dev.notify.examples.notifications.store.Notification;
import dev.notify.examples.notifications.store.NotificationPage;
import dev.notify.examples.notifications.store.NotificationQuery;
import dev.notify.examples.notifications.store.NotificationStore;
import dev.notify.examples.notifications.store.SessionStore;
import dev.notify.examples.notifications.store.UserStore;
import dev.notify.http.HttpHandler;
import dev.notify.http.HttpRequest;
import dev.notify.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The admin's HTTP handlers, one per URL as in Django's admin:
 *
 * <pre>
 * /admin/                              index
 * /admin/login/                        login form (username, password)
 * /admin/logout/                       logout (POST; GET asks first)
 * /admin/notifications/                list: ?q= search, ?seen__exact=1|0 filter, ?p= page;
 *                                      POST action=mark_seen|delete_selected with ids=...,
 *                                      or action=send_digest (no selection needed)
 * /admin/notifications/add/            add form (text, seen)
 * /admin/notifications/{id}/change/    change form
 * /admin/notifications/{id}/delete/    delete confirmation
 * </pre>
 *
 * <p>Every POST needs the {@code csrfmiddlewaretoken} form field to match the {@code csrftoken}
 * cookie (and a same-host {@code Origin} when the browser sends one), else it is refused with 403
 * before anything else happens. Pages other than the login page redirect anonymous users to
 * {@code /admin/login/?next=...}.
 */
public final class AdminSite {
    /** The session cookie's name, as Django's. */
    public static final String SESSION_COOKIE = "sessionid";
    /** The CSRF cookie's name, as Django's. */
    public static final String CSRF_COOKIE = "csrftoken";
    /** The CSRF form field's name, as Django's. */
    public static final String CSRF_FIELD = "csrfmiddlewaretoken";
    /** Rows per list page, as Django's {@code list_per_page}. */
    public static final int PAGE_SIZE = 100;

    private static final int CSRF_COOKIE_AGE_SECONDS = 31_449_600; // one year, as Django's

    private final Notifications notifications;
    private final NotificationStore store;
    private final UserStore users;
    private final SessionStore sessions;
    private final PasswordHasher hasher;

    /**
     * @param notifications writes that tell the clients
     * @param users admin users
     * @param sessions admin sessions
     * @param hasher checks passwords
     */
    public AdminSite(Notifications notifications, UserStore users, SessionStore sessions, PasswordHasher hasher) {
        this.notifications = Objects.requireNonNull(notifications, "notifications");
        this.store = notifications.store();
        this.users = Objects.requireNonNull(users, "users");
        this.sessions = Objects.requireNonNull(sessions, "sessions");
        this.hasher = Objects.requireNonNull(hasher, "hasher");
    }

    /** @return path templates and their handlers, for a router ({@code {id}} is a route parameter) */
    public Map<String, HttpHandler> routes() {
        Map<String, HttpHandler> routes = new LinkedHashMap<>();
        routes.put("/admin", request -> HttpResponse.redirect("/admin/"));
        routes.put("/admin/", this::index);
        routes.put("/admin/login/", this::login);
        routes.put("/admin/logout/", this::logout);
        routes.put("/admin/notifications/", this::changelist);
        routes.put("/admin/notifications/add/", this::add);
        routes.put("/admin/notifications/{id}/", request ->
                HttpResponse.redirect("/admin/notifications/" + Html.query(request.routeParameter("id")) + "/change/"));
        routes.put("/admin/notifications/{id}/change/", this::change);
        routes.put("/admin/notifications/{id}/delete/", this::delete);
        return routes;
    }

    /**
     * @param request GET
     * @return the index page
     * @throws SQLException if the database fails
     */
    public HttpResponse index(HttpRequest request) throws SQLException {
        return guarded(request, exchange -> exchange.isPost()
                ? methodNotAllowed()
                : exchange.page(200, AdminPages.index(exchange.pageContext("Site administration"))));
    }

    /**
     * @param request GET for the form, POST with {@code username}, {@code password} and {@code next}
     * @return the form, or a redirect to {@code next} after a successful login
     * @throws SQLException if the database fails
     */
    public HttpResponse login(HttpRequest request) throws SQLException {
        Exchange exchange = open(request);
        if (exchange.badMethod()) {
            return methodNotAllowed();
        }
        String next = safeNext(exchange.isPost()
                ? request.formField("next").orElse("")
                : request.queryParameter("next").orElse(""));
        if (!exchange.isPost()) {
            if (exchange.session != null) {
                return exchange.redirect(next);
            }
            return exchange.page(200, AdminPages.login(exchange.csrfToken, next, "", null));
        }
        Optional<String> csrfProblem = exchange.csrfProblem();
        if (csrfProblem.isPresent()) {
            return exchange.forbidden(csrfProblem.get());
        }
        String username = request.formField("username").orElse("").strip();
        String password = request.formField("password").orElse("");
        if (username.isEmpty() || password.isEmpty()) {
            return exchange.page(200, AdminPages.login(exchange.csrfToken, next, username,
                    "Please enter both a username and a password."));
        }
        Optional<AdminUser> user = users.find(username);
        boolean valid;
        if (user.isPresent()) {
            valid = hasher.verify(password, user.get().passwordHash());
        } else {
            hasher.verifyNothing(password);
            valid = false;
        }
        if (!valid) {
            return exchange.page(200, AdminPages.login(exchange.csrfToken, next, username,
                    "Please enter the correct username and password for a staff account."
                            + " Note that both fields may be case-sensitive."));
        }
        if (exchange.session != null) {
            sessions.delete(exchange.session);
        }
        String key = sessions.create(user.get().id());
        users.recordLogin(user.get().id());
        // a new CSRF token on login, as Django rotates it, so a token planted before login is useless after
        return HttpResponse.builder(302)
                .header("Location", next)
                .header("Set-Cookie", cookie(SESSION_COOKIE, key, sessions.lifetime().toSeconds()))
                .header("Set-Cookie", cookie(CSRF_COOKIE, SessionStore.randomToken(), CSRF_COOKIE_AGE_SECONDS))
                .header("Cache-Control", "no-store")
                .build();
    }

    /**
     * @param request POST logs out; GET shows a page with a logout button
     * @return the logged-out page, with the session cookie cleared
     * @throws SQLException if the database fails
     */
    public HttpResponse logout(HttpRequest request) throws SQLException {
        Exchange exchange = open(request);
        if (exchange.badMethod()) {
            return methodNotAllowed();
        }
        if (!exchange.isPost()) {
            return exchange.session == null
                    ? exchange.redirect("/admin/login/")
                    : exchange.page(200, AdminPages.logoutConfirm(exchange.pageContext("Log out")));
        }
        Optional<String> csrfProblem = exchange.csrfProblem();
        if (csrfProblem.isPresent()) {
            return exchange.forbidden(csrfProblem.get());
        }
        if (exchange.session != null) {
            sessions.delete(exchange.session);
        }
        exchange.setCookies.add(SESSION_COOKIE + "=; Path=/; Max-Age=0; HttpOnly; SameSite=Lax");
        return exchange.page(200, AdminPages.loggedOut());
    }

    /**
     * @param request GET lists; POST runs a bulk action on the selected {@code ids}
     * @return the list page, a confirmation page, or a redirect back to the list
     * @throws SQLException if the database fails
     */
    public HttpResponse changelist(HttpRequest request) throws SQLException {
        return guarded(request, exchange -> exchange.isPost() ? runAction(exchange) : showList(exchange));
    }

    /**
     * @param request GET for the form, POST with {@code text} and {@code seen}
     * @return the form, or a redirect after a successful save
     * @throws SQLException if the database fails
     */
    public HttpResponse add(HttpRequest request) throws SQLException {
        return guarded(request, exchange -> {
            if (!exchange.isPost()) {
                return exchange.page(200, AdminPages.changeForm(exchange.pageContext("Add notification"),
                        null, "", false, null));
            }
            NotificationForm form = NotificationForm.read(request);
            if (form.error() != null) {
                return exchange.page(200, AdminPages.changeForm(exchange.pageContext("Add notification"),
                        null, form.text(), form.seen(), form.error()));
            }
            Notification created = notifications.create(form.text(), form.seen());
            return afterSave(exchange, created, "added");
        });
    }

    /**
     * @param request GET for the form, POST with {@code text} and {@code seen}
     * @return the form, or a redirect after a successful save
     * @throws SQLException if the database fails
     */
    public HttpResponse change(HttpRequest request) throws SQLException {
        return guarded(request, exchange -> {
            String id = request.routeParameter("id");
            Optional<Notification> existing = findById(id);
            if (existing.isEmpty()) {
                return missing(exchange, id);
            }
            if (!exchange.isPost()) {
                Notification n = existing.get();
                return exchange.page(200, AdminPages.changeForm(exchange.pageContext("Change notification"),
                        n, n.text(), n.seen(), null));
            }
            NotificationForm form = NotificationForm.read(request);
            if (form.error() != null) {
                return exchange.page(200, AdminPages.changeForm(exchange.pageContext("Change notification"),
                        existing.get(), form.text(), form.seen(), form.error()));
            }
            Optional<Notification> changed = notifications.change(existing.get().id(), form.text(), form.seen());
            return changed.isPresent() ? afterSave(exchange, changed.get(), "changed") : missing(exchange, id);
        });
    }

    /**
     * @param request GET for the confirmation page, POST to delete
     * @return the confirmation page, or a redirect to the list after deleting
     * @throws SQLException if the database fails
     */
    public HttpResponse delete(HttpRequest request) throws SQLException {
        return guarded(request, exchange -> {
            String id = request.routeParameter("id");
            Optional<Notification> existing = findById(id);
            if (existing.isEmpty()) {
                return missing(exchange, id);
            }
            if (!exchange.isPost()) {
                return exchange.page(200, AdminPages.deleteConfirm(exchange.pageContext("Are you sure?"), existing.get()));
            }
            Optional<Notification> deleted = notifications.delete(existing.get().id());
            if (deleted.isEmpty()) {
                return missing(exchange, id);
            }
            sessions.flash(exchange.session, FlashMessage.success(
                    "The notification “" + deleted.get().text() + "” was deleted successfully."));
            return exchange.redirect("/admin/notifications/");
        });
    }

    private HttpResponse showList(Exchange exchange) throws SQLException {
        HttpRequest request = exchange.request;
        ListParameters parameters = ListParameters.of(request);
        NotificationPage page = store.list(parameters.query(), parameters.page(), PAGE_SIZE);
        long all = parameters.isFiltered() ? store.list(NotificationQuery.ALL, 1, 1).total() : page.total();
        return exchange.page(200, AdminPages.changelist(exchange.pageContext("Select notification to change"),
                parameters, page, all));
    }

    private HttpResponse runAction(Exchange exchange) throws SQLException {
        HttpRequest request = exchange.request;
        String back = "/admin/notifications/" + (request.scope().queryString().isEmpty() ? "" : "?" + request.scope().queryString());
        String action = request.formField("action").orElse("");
        List<Long> ids = new ArrayList<>();
        for (String id : request.form().getOrDefault("ids", List.of())) {
            parseId(id).ifPresent(ids::add);
        }
        if (action.equals("send_digest")) {
            sessions.flash(exchange.session, notifications.requestDigest()
                    ? FlashMessage.success("A digest of the unseen notifications was requested for the live pages.")
                    : FlashMessage.warning("The digest could not be requested: the channel layer failed. Try again."));
            return exchange.redirect(back);
        }
        if (!action.equals("mark_seen") && !action.equals("delete_selected")) {
            sessions.flash(exchange.session, FlashMessage.warning("No action selected."));
            return exchange.redirect(back);
        }
        if (ids.isEmpty()) {
            sessions.flash(exchange.session, FlashMessage.warning(
                    "Items must be selected in order to perform actions on them. No items have been changed."));
            return exchange.redirect(back);
        }
        if (action.equals("mark_seen")) {
            int changed = 0;
            for (long id : ids) {
                if (notifications.markSeen(id)) {
                    changed++;
                }
            }
            sessions.flash(exchange.session, FlashMessage.success(
                    changed + " " + plural(changed) + " " + (changed == 1 ? "was" : "were") + " successfully marked as seen."));
            return exchange.redirect(back);
        }
        if (!request.formField("post").orElse("").equals("yes")) {
            List<Notification> selected = new ArrayList<>();
            for (long id : ids) {
                store.find(id).ifPresent(selected::add);
            }
            return exchange.page(200, AdminPages.deleteSelectedConfirm(exchange.pageContext("Are you sure?"), selected, back));
        }
        int deleted = 0;
        for (long id : ids) {
            if (notifications.delete(id).isPresent()) {
                deleted++;
            }
        }
        sessions.flash(exchange.session, FlashMessage.success("Successfully deleted " + deleted + " " + plural(deleted) + "."));
        return exchange.redirect(back);
    }

    private HttpResponse afterSave(Exchange exchange, Notification saved, String verb) throws SQLException {
        HttpRequest request = exchange.request;
        String name = "The notification “" + saved.text() + "” was " + verb + " successfully.";
        String changeUrl = "/admin/notifications/" + saved.id() + "/change/";
        if (request.formField("_continue").isPresent()) {
            sessions.flash(exchange.session, FlashMessage.success(name + " You may edit it again below."));
            return exchange.redirect(changeUrl);
        }
        if (request.formField("_addanother").isPresent()) {
            sessions.flash(exchange.session, FlashMessage.success(name + " You may add another notification below."));
            return exchange.redirect("/admin/notifications/add/");
        }
        sessions.flash(exchange.session, FlashMessage.success(name));
        return exchange.redirect("/admin/notifications/");
    }

    private HttpResponse missing(Exchange exchange, String id) throws SQLException {
        sessions.flash(exchange.session, FlashMessage.warning(
                "notification with ID “" + id + "” doesn’t exist. Perhaps it was deleted?"));
        return exchange.redirect("/admin/");
    }

    private Optional<Notification> findById(String id) throws SQLException {
        Optional<Long> parsed = parseId(id);
        return parsed.isPresent() ? store.find(parsed.get()) : Optional.empty();
    }

    private static Optional<Long> parseId(String id) {
        try {
            return Optional.of(Long.parseLong(id));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    private static String plural(long n) {
        return n == 1 ? "notification" : "notifications";
    }

    /** A page that needs a logged-in user; POSTs also need a valid CSRF token. */
    @FunctionalInterface
    private interface View {
        HttpResponse render(Exchange exchange) throws SQLException;
    }

    private HttpResponse guarded(HttpRequest request, View view) throws SQLException {
        Exchange exchange = open(request);
        if (exchange.badMethod()) {
            return methodNotAllowed();
        }
        if (exchange.isPost()) {
            // Django's order: the CSRF middleware refuses before the login check
            Optional<String> csrfProblem = exchange.csrfProblem();
            if (csrfProblem.isPresent()) {
                return exchange.forbidden(csrfProblem.get());
            }
        }
        if (exchange.session == null) {
            String here = request.path() + (request.scope().queryString().isEmpty() ? "" : "?" + request.scope().queryString());
            return exchange.redirect("/admin/login/?next=" + Html.query(here));
        }
        return view.render(exchange);
    }

    private Exchange open(HttpRequest request) throws SQLException {
        AdminSession session = null;
        Optional<String> key = request.cookie(SESSION_COOKIE).filter(k -> !k.isEmpty());
        if (key.isPresent()) {
            session = sessions.find(key.get()).orElse(null);
        }
        return new Exchange(request, session);
    }

    private static HttpResponse methodNotAllowed() {
        return HttpResponse.builder(405).header("Allow", "GET, HEAD, POST")
                .header("Content-Type", "text/plain; charset=utf-8").body("405 Method Not Allowed\n").build();
    }

    /**
     * Django's {@code url_has_allowed_host_and_scheme} for same-site paths only.
     *
     * @param next a requested redirect target
     * @return it if it is a path on this site, else the admin index
     */
    static String safeNext(String next) {
        boolean local = next.startsWith("/") && !next.startsWith("//") && !next.startsWith("/\\")
                && next.chars().noneMatch(c -> c < 0x20 || c == 0x7f);
        return local ? next : "/admin/";
    }

    private static String cookie(String name, String value, long maxAgeSeconds) {
        return name + "=" + value + "; Path=/; Max-Age=" + maxAgeSeconds + "; HttpOnly; SameSite=Lax";
    }

    /** One request's session, CSRF token and the cookies its response sets. */
    private final class Exchange {
        final HttpRequest request;
        final AdminSession session;
        final String csrfToken;
        final List<String> setCookies = new ArrayList<>();

        Exchange(HttpRequest request, AdminSession session) {
            this.request = request;
            this.session = session;
            Optional<String> existing = request.cookie(CSRF_COOKIE).filter(t -> t.length() >= 32);
            if (existing.isPresent()) {
                csrfToken = existing.get();
            } else {
                csrfToken = SessionStore.randomToken();
                setCookies.add(cookie(CSRF_COOKIE, csrfToken, CSRF_COOKIE_AGE_SECONDS));
            }
        }

        boolean isPost() {
            return request.method().equals("POST");
        }

        boolean badMethod() {
            return !List.of("GET", "HEAD", "POST").contains(request.method());
        }

        /** Django's CsrfViewMiddleware checks, with its reasons. */
        Optional<String> csrfProblem() {
            Optional<String> origin = request.header("Origin");
            Optional<String> host = request.header("Host");
            if (origin.isPresent() && !origin.get().equals("null")) {
                boolean sameHost = host.isPresent()
                        && (origin.get().equals("http://" + host.get()) || origin.get().equals("https://" + host.get()));
                if (!sameHost) {
                    return Optional.of("Origin checking failed - " + origin.get() + " does not match any trusted origins.");
                }
            }
            Optional<String> cookie = request.cookie(CSRF_COOKIE);
            if (cookie.isEmpty() || cookie.get().isEmpty()) {
                return Optional.of("CSRF cookie not set.");
            }
            Optional<String> field = request.formField(CSRF_FIELD);
            if (field.isEmpty() || field.get().isEmpty()) {
                return Optional.of("CSRF token missing.");
            }
            if (!MessageDigest.isEqual(cookie.get().getBytes(StandardCharsets.UTF_8), field.get().getBytes(StandardCharsets.UTF_8))) {
                return Optional.of("CSRF token incorrect.");
            }
            return Optional.empty();
        }

        AdminPages.Context pageContext(String title) throws SQLException {
            Optional<FlashMessage> flash = session == null ? Optional.empty() : sessions.takeFlash(session);
            return new AdminPages.Context(title, session == null ? null : session.username(), csrfToken, flash);
        }

        HttpResponse page(int status, String html) {
            HttpResponse.Builder builder = HttpResponse.builder(status)
                    .header("Content-Type", "text/html; charset=utf-8")
                    .header("Cache-Control", "max-age=0, no-cache, no-store, must-revalidate, private")
                    .header("X-Frame-Options", "DENY")
                    .header("X-Content-Type-Options", "nosniff")
                    .header("Referrer-Policy", "same-origin")
                    .header("Content-Security-Policy",
                            "default-src 'none'; style-src 'self'; img-src 'self'; form-action 'self'; frame-ancestors 'none'");
            setCookies.forEach(c -> builder.header("Set-Cookie", c));
            return builder.body(html).build();
        }

        HttpResponse redirect(String location) {
            HttpResponse.Builder builder = HttpResponse.builder(302).header("Location", location);
            setCookies.forEach(c -> builder.header("Set-Cookie", c));
            return builder.build();
        }

        HttpResponse forbidden(String reason) {
            return page(403, AdminPages.csrfFailure(reason));
        }
    }
}
