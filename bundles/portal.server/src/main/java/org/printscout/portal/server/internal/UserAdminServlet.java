package org.printscout.portal.server.internal;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.servlet.Servlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.servlet.whiteboard.propertytypes.HttpWhiteboardContextSelect;
import org.osgi.service.servlet.whiteboard.propertytypes.HttpWhiteboardServletAsyncSupported;
import org.osgi.service.servlet.whiteboard.propertytypes.HttpWhiteboardServletName;
import org.osgi.service.servlet.whiteboard.propertytypes.HttpWhiteboardServletPattern;

/**
 * Users and their access ({@code /users}, for a dealer's admins: an admin who sees all of the
 * dealer's customers) and each user's own account ({@code /account}: change one's password). An
 * admin creates users, sets their role (admin, technician, viewer) and the customers they may see
 * (none ticked: all), resets a password (which ends that user's sessions) and deletes a user; never
 * their own role or account, so a dealer cannot lock itself out. Every change is audited.
 */
@Component(service = Servlet.class)
@HttpWhiteboardContextSelect(PortalServletContext.SELECT)
@HttpWhiteboardServletPattern({"/users", "/users/*", "/account", "/account/*"})
@HttpWhiteboardServletName("printscout-users")
@HttpWhiteboardServletAsyncSupported
public final class UserAdminServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;

    private static final Pattern USER_ACTION = Pattern.compile("/users/(" + UserStore.NAME_PATTERN + ")/(access|password|delete)");

    /** A user as the users page lists them. */
    public record UserView(String id, String username, String role, List<String> customerIds) {
    }

    private final transient Sessions sessions;
    private final transient Templates templates;
    private final transient SignIn signIn;
    private final transient UserStore users;
    private final transient TenancyStore tenancy;
    private final transient AuditLog audit;

    @Activate
    public UserAdminServlet(@Reference PortalComponent portal, @Reference Sessions sessions, @Reference Templates templates, @Reference SignIn signIn) {
        this.sessions = sessions;
        this.templates = templates;
        this.signIn = signIn;
        this.users = portal.userStore();
        this.tenancy = portal.tenancyStore();
        this.audit = portal.auditLog();
    }

    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response) {
        String path = request.getRequestURI();
        if (path.equals("/account") || path.startsWith("/account/")) {
            sessions.serve(request, response, (exchange, session, form) -> {
                if (!path.equals("/account")) {
                    exchange.text(404, "no such page");
                    return;
                }
                account(exchange, session, 200, "", "done");
            }, this::changeOwnPassword);
        } else {
            sessions.serve(request, response, (exchange, session, form) -> {
                if (!PageServlet.manager(session.user())) {
                    exchange.text(403, "only an admin who sees all of the dealer's customers manages users");
                } else if (!path.equals("/users")) {
                    exchange.text(404, "no such page");
                } else {
                    usersPage(exchange, session, 200, "", "done");
                }
            }, this::change);
        }
    }

    private void changeOwnPassword(Exchange exchange, SessionStore.Session session, Form form) throws Exception {
        if (!exchange.request.getRequestURI().equals("/account/password")) {
            exchange.text(404, "no such form");
            return;
        }
        UserStore.User user = session.user();
        String password = form.get("password");
        Optional<String> problem = Passwords.problem(password);
        if (problem.isPresent() || !password.equals(form.get("repeat"))) {
            account(exchange, session, 400, problem.orElse("The two new passwords differ."), "error");
            return;
        }
        String address = Http.clientAddress(exchange.request);
        // the current password goes through the sign-in check, with its throttle: a stolen session cannot guess it
        exchange.await(signIn.signIn(user.username(), form.get("current"), address), outcome -> {
            if (outcome.kind() == SignIn.Kind.THROTTLED || outcome.kind() == SignIn.Kind.BUSY) {
                exchange.response.setHeader("Retry-After", Long.toString(outcome.retryAfterSeconds()));
                account(exchange, session, outcome.kind() == SignIn.Kind.THROTTLED ? 429 : 503, "Too many attempts; try again in "
                        + outcome.retryAfterSeconds() + " s.", "error");
            } else if (outcome.kind() != SignIn.Kind.SIGNED_IN) {
                audit.record(user.dealerId(), user.username(), address, AuditLog.Action.SIGN_IN_FAILED, user.username(),
                        "wrong current password when changing it");
                account(exchange, session, 403, "The current password is wrong.", "error");
            } else if (!users.replacePassword(user.username(), outcome.verifiedHash(), password.toCharArray())) {
                account(exchange, session, 409, "Your password was changed elsewhere meanwhile; nothing was changed here.", "error");
            } else {
                int ended = sessions.closeAllOf(user.username(), session);
                audit.record(user.dealerId(), user.username(), address, AuditLog.Action.PASSWORD_CHANGED, user.username(),
                        ended + " other session(s) ended");
                account(exchange, session, 200, "Your password was changed.", "done");
            }
        });
    }

    private void change(Exchange exchange, SessionStore.Session session, Form form) throws Exception {
        UserStore.User admin = session.user();
        if (!PageServlet.manager(admin)) {
            exchange.text(403, "only an admin who sees all of the dealer's customers manages users");
            return;
        }
        String path = exchange.request.getRequestURI();
        String address = Http.clientAddress(exchange.request);
        if (path.equals("/users")) {
            String username = form.get("username");
            Optional<UserStore.Role> role = role(form.get("role"));
            Optional<String> problem = UserStore.nameProblem(username).or(() -> Passwords.problem(form.get("password")))
                    .or(() -> role.isEmpty() ? Optional.of("Choose a role: admin, technician or viewer.") : Optional.empty());
            if (problem.isEmpty()) {
                problem = customersProblem(admin, form.all("customer"));
            }
            if (problem.isPresent()) {
                usersPage(exchange, session, 400, problem.get(), "error");
                return;
            }
            if (!users.createUser(username, form.get("password").toCharArray(), role.get(), admin.dealerId(), form.all("customer"))) {
                usersPage(exchange, session, 409, "A user named " + username + " exists already.", "error");
                return;
            }
            audit.record(admin.dealerId(), admin.username(), address, AuditLog.Action.USER_CREATED, username,
                    "role " + role.get().name().toLowerCase(Locale.ROOT) + ", customers " + customers(form.all("customer")));
            usersPage(exchange, session, 200, "User " + username + " created.", "done");
            return;
        }
        Matcher action = USER_ACTION.matcher(path);
        if (!action.matches()) {
            exchange.text(404, "no such form");
            return;
        }
        String username = action.group(1);
        boolean self = username.equals(admin.username());
        switch (action.group(2)) {
            case "access": {
                Optional<UserStore.Role> role = role(form.get("role"));
                Optional<String> problem = role.isEmpty() ? Optional.of("Choose a role: admin, technician or viewer.")
                        : self ? Optional.of("You cannot change your own role or customers; ask another admin.")
                        : customersProblem(admin, form.all("customer"));
                if (problem.isPresent()) {
                    usersPage(exchange, session, 400, problem.get(), "error");
                } else if (!users.setAccess(admin.dealerId(), username, role.get(), form.all("customer"))) {
                    usersPage(exchange, session, 404, "No user " + username + " here.", "error");
                } else {
                    audit.record(admin.dealerId(), admin.username(), address, AuditLog.Action.USER_CHANGED, username,
                            "role " + role.get().name().toLowerCase(Locale.ROOT) + ", customers " + customers(form.all("customer")));
                    usersPage(exchange, session, 200, "Access of " + username + " saved.", "done");
                }
                break;
            }
            case "password": {
                Optional<String> problem = Passwords.problem(form.get("password"));
                if (self) {
                    // one's own password only with the current one (/account): a stolen session must not take the account
                    usersPage(exchange, session, 400, "Change your own password on your account page, with your current password.", "error");
                } else if (problem.isPresent()) {
                    usersPage(exchange, session, 400, problem.get(), "error");
                } else if (!users.setPassword(admin.dealerId(), username, form.get("password").toCharArray())) {
                    usersPage(exchange, session, 404, "No user " + username + " here.", "error");
                } else {
                    int ended = sessions.closeAllOf(username, null);
                    audit.record(admin.dealerId(), admin.username(), address, AuditLog.Action.PASSWORD_RESET, username, ended + " session(s) ended");
                    usersPage(exchange, session, 200, "Password of " + username + " reset; their sessions ended.", "done");
                }
                break;
            }
            default: {
                if (self) {
                    usersPage(exchange, session, 400, "You cannot delete your own account.", "error");
                } else if (!users.delete(admin.dealerId(), username)) {
                    usersPage(exchange, session, 404, "No user " + username + " here.", "error");
                } else {
                    audit.record(admin.dealerId(), admin.username(), address, AuditLog.Action.USER_DELETED, username, "");
                    usersPage(exchange, session, 200, "User " + username + " deleted.", "done");
                }
                break;
            }
        }
    }

    /** Why these customer ids cannot be given: one is not a customer the admin sees. */
    private Optional<String> customersProblem(UserStore.User admin, List<String> customerIds) throws java.sql.SQLException {
        List<String> known = new ArrayList<>();
        for (TenancyStore.CustomerRow customer : tenancy.customers(admin)) {
            known.add(customer.id());
        }
        for (String id : customerIds) {
            if (!known.contains(id)) {
                return Optional.of("There is no customer " + AuditLog.printable(id, 64) + " here.");
            }
        }
        return customerIds.size() > 1000 ? Optional.of("Too many customers ticked.") : Optional.empty();
    }

    private static String customers(List<String> ids) {
        return ids.isEmpty() ? "all" : String.join(" ", ids);
    }

    private static Optional<UserStore.Role> role(String text) {
        return Arrays.stream(UserStore.Role.values()).filter(r -> r.name().equalsIgnoreCase(text)).findFirst();
    }

    private void usersPage(Exchange exchange, SessionStore.Session session, int status, String message, String kind) throws Exception {
        UserStore.User admin = session.user();
        List<UserView> list = new ArrayList<>();
        for (UserStore.UserRow row : users.usersOf(admin.dealerId())) {
            list.add(new UserView(row.username(), row.username(), row.role().name().toLowerCase(Locale.ROOT), row.customerIds()));
        }
        Map<String, Object> model = PageServlet.frame(session);
        model.put("message", message);
        model.put("messageKind", kind);
        model.put("users", list);
        model.put("customers", PageServlet.customerViews(tenancy.customers(admin)));
        model.put("roles", Arrays.stream(UserStore.Role.values()).map(r -> r.name().toLowerCase(Locale.ROOT)).toList());
        model.put("minPassword", Passwords.MIN_LENGTH);
        PageServlet.html(exchange.response, status, templates.render("users.ftlh", model));
    }

    private void account(Exchange exchange, SessionStore.Session session, int status, String message, String kind) throws Exception {
        Map<String, Object> model = PageServlet.frame(session);
        model.put("message", message);
        model.put("messageKind", kind);
        model.put("minPassword", Passwords.MIN_LENGTH);
        PageServlet.html(exchange.response, status, templates.render("account.ftlh", model));
    }
}
