package org.printscout.portal.server.internal;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

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
 * The fleet ({@code /fleet}): every device in the user's scope, searched and filtered by customer,
 * site, model, serial and status, {@value #PAGE_SIZE} to a page, each linking to its device page; above
 * it the "needs attention" list (a supply at or below the low mark, not seen for the offline time, in
 * error). Read only.
 */
@Component(service = Servlet.class)
@HttpWhiteboardContextSelect(PortalServletContext.SELECT)
@HttpWhiteboardServletPattern("/fleet")
@HttpWhiteboardServletName("printscout-fleet")
@HttpWhiteboardServletAsyncSupported
public final class FleetServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;

    static final int PAGE_SIZE = 100;
    /** How many devices the "needs attention" list shows at most (the filter status=attention lists them all). */
    static final int ATTENTION_SIZE = 50;
    private static final Set<String> STATUSES = Set.of("", "attention", "running", "warning", "testing", "down", "unknown");

    public record RowView(long id, String customer, String site, String device, String serial, String ip, String status, String lastSeen,
                          String lowestSupply, String reasons) {
    }

    public record OptionView(String value, String label, boolean selected) {
    }

    private final transient Sessions sessions;
    private final transient Templates templates;
    private final transient DeviceStore devices;
    private final transient TenancyStore tenancy;
    private final transient DeviceStore.Attention attention;

    @Activate
    public FleetServlet(@Reference PortalComponent portal, @Reference Sessions sessions, @Reference Templates templates) {
        this(sessions, templates, portal.deviceStore(), portal.tenancyStore(), DeviceStore.Attention.DEFAULT);
    }

    FleetServlet(Sessions sessions, Templates templates, DeviceStore devices, TenancyStore tenancy, DeviceStore.Attention attention) {
        this.sessions = sessions;
        this.templates = templates;
        this.devices = devices;
        this.tenancy = tenancy;
        this.attention = attention;
    }

    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response) {
        sessions.serve(request, response, this::get, (exchange, session, form) -> exchange.text(404, "no such form"));
    }

    private void get(Exchange exchange, SessionStore.Session session, Form form) throws Exception {
        HttpServletRequest request = exchange.request;
        DeviceStore.Filter filter = new DeviceStore.Filter(parameter(request, "customer", 64), parameter(request, "site", 64),
                parameter(request, "model", 200), parameter(request, "serial", 200), parameter(request, "status", 32));
        if (!STATUSES.contains(filter.status())) {
            exchange.text(400, "status must be one of attention, running, warning, testing, down, unknown");
            return;
        }
        int page;
        try {
            page = Math.max(1, Integer.parseInt(request.getParameter("page") == null ? "1" : request.getParameter("page")));
        } catch (NumberFormatException e) {
            exchange.text(400, "page must be a number");
            return;
        }
        UserStore.User user = session.user();
        DeviceStore.Fleet fleet = devices.fleet(user, filter, attention, (page - 1) * PAGE_SIZE, PAGE_SIZE);
        DeviceStore.Fleet needs = devices.fleet(user, new DeviceStore.Filter(filter.customerId(), filter.siteId(), "", "", "attention"), attention,
                0, ATTENTION_SIZE);
        Map<String, Object> model = PageServlet.frame(session);
        model.put("rows", rows(fleet));
        model.put("matched", fleet.matched());
        model.put("attention", rows(needs));
        model.put("attentionMatched", needs.matched());
        model.put("lowSupplyPercent", attention.lowSupplyPercent());
        model.put("offlineHours", attention.offlineAfter().toHours());
        List<OptionView> customers = new ArrayList<>();
        customers.add(new OptionView("", "all customers", filter.customerId().isEmpty()));
        for (TenancyStore.CustomerRow customer : tenancy.customers(user)) {
            customers.add(new OptionView(customer.id(), customer.name(), customer.id().equals(filter.customerId())));
        }
        model.put("customers", customers);
        List<OptionView> sites = new ArrayList<>();
        sites.add(new OptionView("", "all sites", filter.siteId().isEmpty()));
        for (String[] site : devices.sites(user)) {
            sites.add(new OptionView(site[0], site[2] + " – " + site[1], site[0].equals(filter.siteId())));
        }
        model.put("sites", sites);
        List<OptionView> statuses = new ArrayList<>();
        for (String status : List.of("", "attention", "running", "warning", "testing", "down", "unknown")) {
            statuses.add(new OptionView(status, status.isEmpty() ? "any status" : status.equals("attention") ? "needs attention" : status,
                    status.equals(filter.status())));
        }
        model.put("statuses", statuses);
        model.put("model", filter.model());
        model.put("serial", filter.serial());
        model.put("page", page);
        int pages = Math.max(1, (fleet.matched() + PAGE_SIZE - 1) / PAGE_SIZE);
        model.put("pages", pages);
        String query = query(filter);
        model.put("previous", page > 1 ? "/fleet?" + query + "page=" + (page - 1) : "");
        model.put("next", page < pages ? "/fleet?" + query + "page=" + (page + 1) : "");
        PageServlet.html(exchange.response, 200, templates.render("fleet.ftlh", model));
    }

    private List<RowView> rows(DeviceStore.Fleet fleet) {
        List<RowView> out = new ArrayList<>();
        for (DeviceStore.FleetRow row : fleet.rows()) {
            out.add(new RowView(row.id(), text(row.customerName()), text(row.siteName()), (text(row.make()) + " " + text(row.model())).strip(),
                    text(row.serial()), text(row.ip()), text(row.deviceStatus()), PageServlet.ago(row.lastSeen()),
                    row.minSupplyPercent() == null ? "–" : row.minSupplyPercent() + "%", String.join("; ", row.reasons())));
        }
        return out;
    }

    private static String query(DeviceStore.Filter filter) {
        StringBuilder out = new StringBuilder();
        String[][] pairs = {{"customer", filter.customerId()}, {"site", filter.siteId()}, {"model", filter.model()}, {"serial", filter.serial()},
            {"status", filter.status()}};
        for (String[] pair : pairs) {
            if (!pair[1].isEmpty()) {
                out.append(pair[0]).append('=').append(URLEncoder.encode(pair[1], StandardCharsets.UTF_8)).append('&');
            }
        }
        return out.toString();
    }

    private static String parameter(HttpServletRequest request, String name, int max) {
        String value = request.getParameter(name);
        return value == null ? "" : value.strip().length() > max ? value.strip().substring(0, max) : value.strip();
    }

    private static String text(String value) {
        return value == null ? "" : value;
    }
}
