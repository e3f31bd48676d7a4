package org.printscout.portal.server.internal;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

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
 * The billing meter export for people ({@code /export}: the period's table and its downloads,
 * {@code /export.csv} and {@code /export.json}), for every signed-in role, scoped like every page by
 * {@link UserStore#SCOPE}: a user of some customers exports only theirs. Read only: no form posts here.
 */
@Component(service = Servlet.class)
@HttpWhiteboardContextSelect(PortalServletContext.SELECT)
@HttpWhiteboardServletPattern({"/export", "/export.csv", "/export.json"})
@HttpWhiteboardServletName("printscout-export")
@HttpWhiteboardServletAsyncSupported
public final class MeterExportServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;

    /** One row of the page's table: a device's meter. */
    public record RowView(String customer, String site, String serial, String model, String meter, String startDate, String startValue,
                          boolean startEstimated, String endDate, String endValue, boolean endEstimated, String usage, boolean backwards) {
    }

    private final transient Sessions sessions;
    private final transient Templates templates;
    private final transient MeterExport export;
    private final transient Clock clock;

    @Activate
    public MeterExportServlet(@Reference PortalComponent portal, @Reference Sessions sessions, @Reference Templates templates) {
        this(sessions, templates, portal.meterExport(), Clock.systemUTC());
    }

    MeterExportServlet(Sessions sessions, Templates templates, MeterExport export, Clock clock) {
        this.sessions = sessions;
        this.templates = templates;
        this.export = export;
        this.clock = clock;
    }

    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response) {
        sessions.serve(request, response, this::get, (exchange, session, form) -> exchange.text(404, "no such form"));
    }

    private void get(Exchange exchange, SessionStore.Session session, Form form) throws Exception {
        HttpServletRequest request = exchange.request;
        ExportPeriod period;
        try {
            period = ExportPeriod.parse(request::getParameter, clock);
        } catch (ExportPeriod.Refused e) {
            exchange.text(400, e.getMessage());
            return;
        }
        MeterExport.Export result = export.export(session.user(), period.from(), period.to());
        String path = request.getRequestURI();
        if (path.equals("/export.csv")) {
            download(exchange, result, "csv", "text/csv; charset=utf-8; header=present", MeterExportFormat.csv(result));
        } else if (path.equals("/export.json")) {
            download(exchange, result, "json", "application/json", MeterExportFormat.json(result));
        } else {
            Map<String, Object> model = PageServlet.frame(session);
            model.put("period", period.label());
            model.put("from", period.from().toString());
            model.put("to", period.to().toString());
            model.put("month", request.getParameter("month") == null ? "" : request.getParameter("month"));
            model.put("query", query(request));
            List<RowView> rows = new ArrayList<>();
            for (MeterExport.DeviceUsage device : result.devices()) {
                for (MeterExport.MeterUsage meter : device.meters()) {
                    rows.add(new RowView(text(device.customerName()), text(device.siteName()), text(device.serial()),
                            (text(device.make()) + " " + text(device.model())).strip(), meter.name(), meter.start().at().toString(),
                            number(meter.start().value()), meter.start().estimated(), meter.end().at().toString(), number(meter.end().value()),
                            meter.end().estimated(), number(meter.usage()), meter.backwards()));
                }
            }
            model.put("rows", rows);
            PageServlet.html(exchange.response, 200, templates.render("export.ftlh", model));
        }
    }

    static void download(Exchange exchange, MeterExport.Export result, String extension, String type, String body) throws Exception {
        exchange.response.setHeader("Content-Disposition", "attachment; filename=\""
                + MeterExportFormat.fileName(result.from(), result.to(), extension) + "\"");
        Http.send(exchange.response, 200, type, body.getBytes(StandardCharsets.UTF_8));
    }

    /** The period's parameters again, for the download links. */
    private static String query(HttpServletRequest request) {
        StringBuilder out = new StringBuilder();
        for (String name : List.of("month", "from", "to", "zone")) {
            String value = request.getParameter(name);
            if (value != null && !value.isBlank()) {
                out.append(out.length() == 0 ? "?" : "&").append(name).append('=').append(URLEncoder.encode(value, StandardCharsets.UTF_8));
            }
        }
        return out.toString();
    }

    private static String number(long value) {
        return String.format(Locale.US, "%,d", value);
    }

    private static String text(String value) {
        return value == null ? "" : value;
    }
}
