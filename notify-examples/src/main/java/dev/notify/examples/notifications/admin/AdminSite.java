package dev.notify.examples.notifications.admin;

import dev.notify.auth.Session;
import dev.notify.consumer.Scope;
import dev.notify.core.auth.AuthMiddleware;
import dev.notify.core.auth.CsrfMiddleware;
import dev.notify.core.routing.Router;
import dev.notify.examples.notifications.Notifications;
import dev.notify.examples.notifications.store.AdminUser;
import dev.notify.examples.notifications.store.FlashMessage;
import dev.notify.examples.notifications.store.Notification;
import dev.notify.examples.notifications.store.NotificationPage;
import dev.notify.examples.notifications.store.NotificationQuery;
import dev.notify.examples.notifications.store.NotificationStore;
import dev.notify.examples.notifications.store.UserStore;
import dev.notify.http.HttpHandler;
import dev.notify.http.HttpRequest;
import dev.notify.http.HttpResponse;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The admin's HTTP handlers, one per URL as in Django's admin, under {@code /admin}:
 *
 * <pre>
 * /admin/                                  index
 * /admin/login/                            login form (username, password)
 * /admin/logout/                           logout (POST; GET asks first)
 * /admin/notifications/                    list: ?q= search, ?seen__exact=1|0 filter, ?p= page;
 *                                          POST action=mark_seen|delete_selected with ids=...,
 *                                          or action=send_digest (no selection needed)
 * /admin/notifications/add/                add form (text, seen)
 * /admin/notifications/{id:int}/change/    change form
 * /admin/notifications/{id:int}/delete/    delete confirmation
 * </pre>
 *
 * <p>Sessions, the logged-in user and CSRF are the framework's: the router that includes
 * {@link #router()} runs {@code SessionMiddleware} and {@code AuthMiddleware}, and this router runs
 * {@code CsrfMiddleware}, so a POST without its form's token is refused with 403 before any view
 * runs. Login and logout are {@code AuthMiddleware.login} and {@code logout}. Pages other than the
 * login page redirect anonymous users to {@code /admin/login/?next=...}.
 */
public final class AdminSite {
    /** Rows per list page, as Django's {@code list_per_page}. */
    public static final int PAGE_SIZE = 100;
    /** Where the session keeps the message for the next page, as Django's messages framework. */
    static final String FLASH = "admin.flash";

    private final Notifications notifications;
    private final NotificationStore store;
    private final UserStore users;
    private final PasswordHasher hasher;

    /**
     * @param notifications writes that tell the clients
     * @param users admin users
     * @param hasher checks passwords
     */
    public AdminSite(Notifications notifications, UserStore users, PasswordHasher hasher) {
        this.notifications = Objects.requireNonNull(notifications, "notifications");
        this.store = notifications.store();
        this.users = Objects.requireNonNull(users, "users");
        this.hasher = Objects.requireNonNull(hasher, "hasher");
    }

    /**
     * @return the admin's routes, relative to {@code /admin}, each for GET and POST, behind Django's
     *     CSRF middleware; include it where session and authentication middleware run
     */
    public Router router() {
        Map<String, HttpHandler> views = new LinkedHashMap<>();
        views.put("/", this::index);
        views.put("/login/", this::login);
        views.put("/logout/", this::logout);
        views.put("/notifications/", this::changelist);
        views.put("/notifications/add/", this::add);
        views.put("/notifications/{id:int}/", request ->
                HttpResponse.redirect("/admin/notifications/" + request.routeParameter("id") + "/change/"));
        views.put("/notifications/{id:int}/change/", this::change);
        views.put("/notifications/{id:int}/delete/", this::delete);
        Router.Builder admin = Router.builder()
                .use(CsrfMiddleware.builder().failureResponse(reason -> page(403, AdminPages.csrfFailure(reason))).build());
        views.forEach((path, view) -> admin.get(path, view).post(path, view));
        return admin.build();
    }

    /**
     * @param request GET
     * @return the index page
     * @throws SQLException if the database fails
     */
    public HttpResponse index(HttpRequest request) throws SQLException {
        return guarded(request, (user, session) -> isPost(request)
                ? HttpResponse.builder(405).header("Allow", "GET, HEAD").build()
                : page(200, AdminPages.index(context(request, user, "Site administration"))));
    }

    /**
     * @param request GET for the form, POST with {@code username}, {@code password} and {@code next}
     * @return the form, or a redirect to {@code next} after a successful login
     * @throws SQLException if the database fails
     */
    public HttpResponse login(HttpRequest request) throws SQLException {
        Scope scope = request.scope();
        String next = safeNext(isPost(request) ? request.formField("next").orElse("") : request.queryParameter("next").orElse(""));
        if (!isPost(request)) {
            return scope.user().isPresent() ? HttpResponse.redirect(next)
                    : page(200, AdminPages.login(CsrfMiddleware.token(scope), next, "", null));
        }
        String username = request.formField("username").orElse("").strip();
        String password = request.formField("password").orElse("");
        if (username.isEmpty() || password.isEmpty()) {
            return page(200, AdminPages.login(CsrfMiddleware.token(scope), next, username, "Please enter both a username and a password."));
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
            return page(200, AdminPages.login(CsrfMiddleware.token(scope), next, username,
                    "Please enter the correct username and password for a staff account."
                            + " Note that both fields may be case-sensitive."));
        }
        AuthMiddleware.login(scope, user.get()); // a new session key and CSRF secret
        users.recordLogin(user.get().pk());
        return HttpResponse.builder(302).header("Location", next).header("Cache-Control", "no-store").build();
    }

    /**
     * @param request POST logs out; GET shows a page with a logout button
     * @return the logged-out page; the session is deleted and its cookie cleared
     * @throws SQLException if the database fails
     */
    public HttpResponse logout(HttpRequest request) throws SQLException {
        Optional<AdminUser> user = request.scope().user(AdminUser.class);
        if (!isPost(request)) {
            return user.isEmpty() ? HttpResponse.redirect("/admin/login/")
                    : page(200, AdminPages.logoutConfirm(context(request, user.get(), "Log out")));
        }
        AuthMiddleware.logout(request.scope());
        return page(200, AdminPages.loggedOut());
    }

    /**
     * @param request GET lists; POST runs a bulk action on the selected {@code ids}
     * @return the list page, a confirmation page, or a redirect back to the list
     * @throws SQLException if the database fails
     */
    public HttpResponse changelist(HttpRequest request) throws SQLException {
        return guarded(request, (user, session) -> isPost(request) ? runAction(request, user, session) : showList(request, user));
    }

    /**
     * @param request GET for the form, POST with {@code text} and {@code seen}
     * @return the form, or a redirect after a successful save
     * @throws SQLException if the database fails
     */
    public HttpResponse add(HttpRequest request) throws SQLException {
        return guarded(request, (user, session) -> {
            if (!isPost(request)) {
                return page(200, AdminPages.changeForm(context(request, user, "Add notification"), null, "", false, null));
            }
            NotificationForm form = NotificationForm.read(request);
            if (form.error() != null) {
                return page(200, AdminPages.changeForm(context(request, user, "Add notification"), null, form.text(), form.seen(), form.error()));
            }
            return afterSave(request, session, notifications.create(form.text(), form.seen()), "added");
        });
    }

    /**
     * @param request GET for the form, POST with {@code text} and {@code seen}
     * @return the form, or a redirect after a successful save
     * @throws SQLException if the database fails
     */
    public HttpResponse change(HttpRequest request) throws SQLException {
        return guarded(request, (user, session) -> {
            long id = request.routeParameter("id", Long.class);
            Optional<Notification> existing = store.find(id);
            if (existing.isEmpty()) {
                return missing(session, id);
            }
            if (!isPost(request)) {
                Notification n = existing.get();
                return page(200, AdminPages.changeForm(context(request, user, "Change notification"), n, n.text(), n.seen(), null));
            }
            NotificationForm form = NotificationForm.read(request);
            if (form.error() != null) {
                return page(200, AdminPages.changeForm(context(request, user, "Change notification"),
                        existing.get(), form.text(), form.seen(), form.error()));
            }
            Optional<Notification> changed = notifications.change(id, form.text(), form.seen());
            return changed.isPresent() ? afterSave(request, session, changed.get(), "changed") : missing(session, id);
        });
    }

    /**
     * @param request GET for the confirmation page, POST to delete
     * @return the confirmation page, or a redirect to the list after deleting
     * @throws SQLException if the database fails
     */
    public HttpResponse delete(HttpRequest request) throws SQLException {
        return guarded(request, (user, session) -> {
            long id = request.routeParameter("id", Long.class);
            Optional<Notification> existing = store.find(id);
            if (existing.isEmpty()) {
                return missing(session, id);
            }
            if (!isPost(request)) {
                return page(200, AdminPages.deleteConfirm(context(request, user, "Are you sure?"), existing.get()));
            }
            Optional<Notification> deleted = notifications.delete(id);
            if (deleted.isEmpty()) {
                return missing(session, id);
            }
            flash(session, FlashMessage.success("The notification “" + deleted.get().text() + "” was deleted successfully."));
            return HttpResponse.redirect("/admin/notifications/");
        });
    }

    private HttpResponse showList(HttpRequest request, AdminUser user) throws SQLException {
        ListParameters parameters = ListParameters.of(request);
        NotificationPage page = store.list(parameters.query(), parameters.page(), PAGE_SIZE);
        long all = parameters.isFiltered() ? store.list(NotificationQuery.ALL, 1, 1).total() : page.total();
        return page(200, AdminPages.changelist(context(request, user, "Select notification to change"), parameters, page, all));
    }

    private HttpResponse runAction(HttpRequest request, AdminUser user, Session session) throws SQLException {
        String back = "/admin/notifications/" + (request.scope().queryString().isEmpty() ? "" : "?" + request.scope().queryString());
        String action = request.formField("action").orElse("");
        List<Long> ids = new ArrayList<>();
        for (String id : request.form().getOrDefault("ids", List.of())) {
            parseId(id).ifPresent(ids::add);
        }
        if (action.equals("send_digest")) {
            flash(session, notifications.requestDigest()
                    ? FlashMessage.success("A digest of the unseen notifications was requested for the live pages.")
                    : FlashMessage.warning("The digest could not be requested: the channel layer failed. Try again."));
            return HttpResponse.redirect(back);
        }
        if (!action.equals("mark_seen") && !action.equals("delete_selected")) {
            flash(session, FlashMessage.warning("No action selected."));
            return HttpResponse.redirect(back);
        }
        if (ids.isEmpty()) {
            flash(session, FlashMessage.warning("Items must be selected in order to perform actions on them. No items have been changed."));
            return HttpResponse.redirect(back);
        }
        if (action.equals("mark_seen")) {
            int changed = 0;
            for (long id : ids) {
                if (notifications.markSeen(id)) {
                    changed++;
                }
            }
            flash(session, FlashMessage.success(
                    changed + " " + plural(changed) + " " + (changed == 1 ? "was" : "were") + " successfully marked as seen."));
            return HttpResponse.redirect(back);
        }
        if (!request.formField("post").orElse("").equals("yes")) {
            List<Notification> selected = new ArrayList<>();
            for (long id : ids) {
                store.find(id).ifPresent(selected::add);
            }
            return page(200, AdminPages.deleteSelectedConfirm(context(request, user, "Are you sure?"), selected, back));
        }
        int deleted = 0;
        for (long id : ids) {
            if (notifications.delete(id).isPresent()) {
                deleted++;
            }
        }
        flash(session, FlashMessage.success("Successfully deleted " + deleted + " " + plural(deleted) + "."));
        return HttpResponse.redirect(back);
    }

    private static HttpResponse afterSave(HttpRequest request, Session session, Notification saved, String verb) {
        String name = "The notification “" + saved.text() + "” was " + verb + " successfully.";
        String changeUrl = "/admin/notifications/" + saved.id() + "/change/";
        if (request.formField("_continue").isPresent()) {
            flash(session, FlashMessage.success(name + " You may edit it again below."));
            return HttpResponse.redirect(changeUrl);
        }
        if (request.formField("_addanother").isPresent()) {
            flash(session, FlashMessage.success(name + " You may add another notification below."));
            return HttpResponse.redirect("/admin/notifications/add/");
        }
        flash(session, FlashMessage.success(name));
        return HttpResponse.redirect("/admin/notifications/");
    }

    private static HttpResponse missing(Session session, long id) {
        flash(session, FlashMessage.warning("notification with ID “" + id + "” doesn’t exist. Perhaps it was deleted?"));
        return HttpResponse.redirect("/admin/");
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

    private static boolean isPost(HttpRequest request) {
        return request.method().equals("POST");
    }

    /** A page that needs a logged-in user. */
    @FunctionalInterface
    private interface View {
        HttpResponse render(AdminUser user, Session session) throws SQLException;
    }

    private static HttpResponse guarded(HttpRequest request, View view) throws SQLException {
        Optional<AdminUser> user = request.scope().user(AdminUser.class);
        if (user.isEmpty()) {
            String here = request.path() + (request.scope().queryString().isEmpty() ? "" : "?" + request.scope().queryString());
            return HttpResponse.redirect("/admin/login/?next=" + Html.query(here));
        }
        return view.render(user.get(), request.scope().session().orElseThrow());
    }

    /** @return the page's frame: title, user, a CSRF token for its forms, and the pending message */
    private static AdminPages.Context context(HttpRequest request, AdminUser user, String title) {
        Session session = request.scope().session().orElseThrow();
        Optional<FlashMessage> flash = session.get(FLASH).map(FlashMessage::decode);
        session.remove(FLASH);
        return new AdminPages.Context(title, user.username(), CsrfMiddleware.token(request.scope()), flash);
    }

    private static void flash(Session session, FlashMessage message) {
        session.put(FLASH, message.encode());
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

    private static HttpResponse page(int status, String html) {
        return HttpResponse.builder(status)
                .header("Content-Type", "text/html; charset=utf-8")
                .header("Cache-Control", "max-age=0, no-cache, no-store, must-revalidate, private")
                .header("X-Frame-Options", "DENY")
                .header("X-Content-Type-Options", "nosniff")
                .header("Referrer-Policy", "same-origin")
                .header("Content-Security-Policy",
                        "default-src 'none'; style-src 'self'; img-src 'self'; form-action 'self'; frame-ancestors 'none'")
                .body(html)
                .build();
    }
}
