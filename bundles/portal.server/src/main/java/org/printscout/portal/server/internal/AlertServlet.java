package org.printscout.portal.server.internal;

import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
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
 * Alerts ({@code /alerts}): the open and recently closed alerts in the user's scope, for every role;
 * for managers (admins of all the dealer's customers) the rules, the recipients (mail addresses and
 * webhooks) with their forms, and the delivery log. Changes are audited.
 */
@Component(service = Servlet.class)
@HttpWhiteboardContextSelect(PortalServletContext.SELECT)
@HttpWhiteboardServletPattern({"/alerts", "/alerts/*"})
@HttpWhiteboardServletName("printscout-alerts")
@HttpWhiteboardServletAsyncSupported
public final class AlertServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;

    private static final Pattern DELETE = Pattern.compile("/alerts/(rules|recipients)/([0-9]{1,18})/delete");
    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'", Locale.ROOT).withZone(ZoneOffset.UTC);

    public record AlertView(long id, String customer, String summary, String opened, String closed, long deviceId) {
    }

    public record RuleView(long id, String customer, String kind, int threshold) {
    }

    public record RecipientView(long id, String customer, String channel, String target, boolean digest) {
    }

    public record AttemptView(String at, String event, String target, String summary, String outcome, String state) {
    }

    public record OptionView(String value, String label) {
    }

    private final transient Sessions sessions;
    private final transient Templates templates;
    private final transient AlertStore alerts;
    private final transient WebhookSender webhooks;
    private final transient TenancyStore tenancy;
    private final transient AuditLog audit;

    @Activate
    public AlertServlet(@Reference PortalComponent portal, @Reference AlertJob job, @Reference Sessions sessions, @Reference Templates templates) {
        this(sessions, templates, job.store(), job.webhooks(), portal.tenancyStore(), portal.auditLog());
    }

    AlertServlet(Sessions sessions, Templates templates, AlertStore alerts, WebhookSender webhooks, TenancyStore tenancy, AuditLog audit) {
        this.sessions = sessions;
        this.templates = templates;
        this.alerts = alerts;
        this.webhooks = webhooks;
        this.tenancy = tenancy;
        this.audit = audit;
    }

    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response) {
        sessions.serve(request, response, (exchange, session, form) -> {
            if (exchange.request.getRequestURI().equals("/alerts")) {
                page(exchange, session, "", "done");
            } else {
                exchange.text(404, "no such page");
            }
        }, this::post);
    }

    /** The page; after a refused form, with the reason (answered 400 so a script sees it failed). */
    private void page(Exchange exchange, SessionStore.Session session, String notice, String kind) throws Exception {
        UserStore.User user = session.user();
        Map<String, Object> model = PageServlet.frame(session);
        model.put("notice", notice);
        model.put("noticeKind", kind);
        List<AlertView> shown = new ArrayList<>();
        for (AlertStore.Alert a : alerts.alerts(user, true, 200)) {
            shown.add(new AlertView(a.id(), a.customerName(), a.summary(), WHEN.format(a.opened()), a.closed() == null ? "" : WHEN.format(a.closed()),
                    a.deviceId() == null ? -1 : a.deviceId()));
        }
        model.put("alerts", shown);
        boolean manager = PageServlet.manager(user);
        if (manager) {
            Map<String, String> names = new java.util.HashMap<>();
            List<OptionView> customers = new ArrayList<>();
            customers.add(new OptionView("", "every customer"));
            for (TenancyStore.CustomerRow c : tenancy.customers(user)) {
                names.put(c.id(), c.name());
                customers.add(new OptionView(c.id(), c.name()));
            }
            model.put("customers", customers);
            List<OptionView> kinds = new ArrayList<>();
            for (AlertStore.Kind k : AlertStore.Kind.values()) {
                kinds.add(new OptionView(k.stored(), k.label));
            }
            model.put("kinds", kinds);
            model.put("rules", alerts.rules(user.dealerId()).stream().map(r -> new RuleView(r.id(), r.customerId() == null ? "every customer"
                    : names.getOrDefault(r.customerId(), r.customerId()), r.kind().label, r.threshold())).toList());
            model.put("recipients", alerts.recipients(user.dealerId()).stream().map(r -> new RecipientView(r.id(), r.customerId() == null
                    ? "every customer" : names.getOrDefault(r.customerId(), r.customerId()), r.channel().stored(), r.target(), r.digest())).toList());
            model.put("attempts", alerts.attempts(user.dealerId(), 100).stream().map(t -> new AttemptView(WHEN.format(t.at()), t.event(), t.target(),
                    t.summary(), t.outcome(), t.state())).toList());
        }
        PageServlet.html(exchange.response, notice.isEmpty() ? 200 : 400, templates.render("alerts.ftlh", model));
    }

    private void post(Exchange exchange, SessionStore.Session session, Form form) throws Exception {
        UserStore.User user = session.user();
        if (!PageServlet.manager(user)) {
            exchange.text(403, "only an admin of all the dealer's customers manages alert rules and recipients");
            return;
        }
        String path = exchange.request.getRequestURI();
        String address = Http.clientAddress(exchange.request);
        Matcher delete = DELETE.matcher(path);
        String customer = form.get("customer");
        if (!customer.isEmpty() && tenancy.customers(user).stream().noneMatch(c -> c.id().equals(customer))) {
            exchange.text(404, "no such customer");
            return;
        }
        if (path.equals("/alerts/rules")) {
            Optional<AlertStore.Kind> kind = AlertStore.Kind.of(form.get("kind"));
            int threshold;
            try {
                threshold = form.get("threshold").isBlank() ? 0 : Integer.parseInt(form.get("threshold").strip());
            } catch (NumberFormatException e) {
                threshold = -1;
            }
            if (kind.isEmpty() || threshold < 0 || threshold > 1_000_000 || kind.get().needsThreshold() && threshold == 0) {
                page(exchange, session, "A rule needs a kind and, except for errors and backwards meters, a threshold of 1 or more.", "error");
                return;
            }
            long id = alerts.createRule(user.dealerId(), customer, kind.get(), threshold, user.username());
            audit.record(user.dealerId(), user.username(), address, AuditLog.Action.ALERT_RULE_CREATED, "rule " + id,
                    kind.get().stored() + " " + threshold + (customer.isEmpty() ? "" : " for " + customer));
        } else if (path.equals("/alerts/recipients")) {
            String channel = form.get("channel");
            String target = form.get("target").strip();
            String secret = form.get("secret");
            boolean digest = form.get("digest").equals("true");
            if (channel.equals("email")) {
                try {
                    MailSender.address(target);
                } catch (MailSender.MailException e) {
                    page(exchange, session, "Not a mail address.", "error");
                    return;
                }
                secret = null;
            } else if (channel.equals("webhook")) {
                Optional<String> refused = webhooks.refusal(target);
                if (refused.isPresent()) {
                    page(exchange, session, "Webhook refused: " + refused.get(), "error");
                    return;
                }
                if (secret.length() < 16 || secret.length() > 200) {
                    page(exchange, session, "A webhook needs a signing secret of 16 to 200 characters.", "error");
                    return;
                }
            } else {
                exchange.text(400, "channel must be email or webhook");
                return;
            }
            if (target.length() > 1000) {
                page(exchange, session, "The address is too long.", "error");
                return;
            }
            long id = alerts.createRecipient(user.dealerId(), customer, channel.equals("email") ? AlertStore.Channel.EMAIL : AlertStore.Channel.WEBHOOK,
                    target, secret, digest);
            audit.record(user.dealerId(), user.username(), address, AuditLog.Action.ALERT_RECIPIENT_CREATED, "recipient " + id,
                    channel + " " + target + (digest ? " (daily digest)" : ""));
        } else if (delete.matches()) {
            long id = Long.parseLong(delete.group(2));
            boolean rule = delete.group(1).equals("rules");
            if (!(rule ? alerts.deleteRule(user.dealerId(), id) : alerts.deleteRecipient(user.dealerId(), id))) {
                exchange.text(404, "no such " + (rule ? "rule" : "recipient"));
                return;
            }
            audit.record(user.dealerId(), user.username(), address, rule ? AuditLog.Action.ALERT_RULE_DELETED : AuditLog.Action.ALERT_RECIPIENT_DELETED,
                    (rule ? "rule " : "recipient ") + id, "");
        } else {
            exchange.text(404, "no such form");
            return;
        }
        SignInServlet.redirect(exchange.response, "/alerts");
    }
}
