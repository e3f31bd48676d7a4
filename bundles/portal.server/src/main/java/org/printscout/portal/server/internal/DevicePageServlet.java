package org.printscout.portal.server.internal;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
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
 * One device ({@code /devices/<id>}): identity with the address history, status and conditions, the
 * device's open alerts, every meter (normalised, then vendor meters), supplies with bars and run-out
 * forecast, and a chart of each meter's and each supply's history over the chosen {@code range}.
 * A device outside the user's scope is 404, as if it did not exist. Read only.
 */
@Component(service = Servlet.class)
@HttpWhiteboardContextSelect(PortalServletContext.SELECT)
@HttpWhiteboardServletPattern("/devices/*")
@HttpWhiteboardServletName("printscout-device")
@HttpWhiteboardServletAsyncSupported
public final class DevicePageServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;

    private static final Pattern DEVICE = Pattern.compile("/devices/([0-9]{1,18})");
    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'", Locale.ROOT).withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("yyyy-MM-dd", Locale.ROOT).withZone(ZoneOffset.UTC);

    /** The ranges a chart can show: parameter value, label, length (null: all history). */
    enum Range {
        WEEK("7d", "7 days", Duration.ofDays(7)), MONTH("30d", "30 days", Duration.ofDays(30)), QUARTER("90d", "90 days", Duration.ofDays(90)),
        YEAR("365d", "1 year", Duration.ofDays(365)), ALL("all", "all", null);

        final String value;
        final String label;
        final Duration length;

        Range(String value, String label, Duration length) {
            this.value = value;
            this.label = label;
            this.length = length;
        }

        static Optional<Range> of(String value) {
            for (Range range : values()) {
                if (range.value.equals(value)) {
                    return Optional.of(range);
                }
            }
            return Optional.empty();
        }
    }

    public record RangeView(String value, String label, boolean selected) {
    }

    public record AddressView(String ip, String firstSeen, String lastSeen) {
    }

    public record AlertView(String summary, String opened) {
    }

    public record PrinterAlertView(String severity, String code, String text) {
    }

    public record MeterView(String name, String unit, String value, String at, boolean vendor) {
    }

    /** A chart: the polyline's points, the value range and the time range in words. */
    public record ChartView(String title, String points, String low, String high, String from, String to, int readings) {
    }

    public record SupplyView(String description, String type, int percent, long barWidth, String levelText, String forecast, ChartView chart) {
    }

    public record DeviceView(long id, String customer, String site, String make, String model, String serial, String mac, String firmware,
                             String ip, String firstSeen, String lastSeen, String agent, String deviceStatus, String printerStatus,
                             List<String> conditions, List<String> errors, List<PrinterAlertView> printerAlerts, List<AddressView> addresses,
                             List<AlertView> alerts, List<MeterView> meters, List<ChartView> meterCharts, List<SupplyView> supplies) {
    }

    private final transient Sessions sessions;
    private final transient Templates templates;
    private final transient DeviceStore devices;
    private final transient Clock clock;

    /** The remote web UI, when this portal runs it: offers "Open web UI" where the customer allows it. */
    @org.osgi.service.component.annotations.Reference(cardinality = org.osgi.service.component.annotations.ReferenceCardinality.OPTIONAL,
            policy = org.osgi.service.component.annotations.ReferencePolicy.DYNAMIC)
    private transient volatile RemoteUiService remoteUi;

    @Activate
    public DevicePageServlet(@Reference PortalComponent portal, @Reference Sessions sessions, @Reference Templates templates) {
        this(sessions, templates, portal.deviceStore(), Clock.systemUTC());
    }

    DevicePageServlet(Sessions sessions, Templates templates, DeviceStore devices, Clock clock) {
        this.sessions = sessions;
        this.templates = templates;
        this.devices = devices;
        this.clock = clock;
    }

    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response) {
        sessions.serve(request, response, this::get, (exchange, session, form) -> exchange.text(404, "no such form"));
    }

    private void get(Exchange exchange, SessionStore.Session session, Form form) throws Exception {
        Matcher path = DEVICE.matcher(exchange.request.getRequestURI());
        if (!path.matches()) {
            exchange.text(404, "no such page");
            return;
        }
        String rangeParameter = exchange.request.getParameter("range");
        Optional<Range> range = rangeParameter == null || rangeParameter.isEmpty() ? Optional.of(Range.MONTH) : Range.of(rangeParameter);
        if (range.isEmpty()) {
            exchange.text(400, "range must be one of 7d, 30d, 90d, 365d, all");
            return;
        }
        Instant now = clock.instant();
        Instant since = range.get().length == null ? null : now.minus(range.get().length);
        Optional<DeviceStore.Device> found = devices.device(session.user(), Long.parseLong(path.group(1)), since);
        if (found.isEmpty()) {
            exchange.text(404, "no such device");
            return;
        }
        DeviceStore.Device device = found.get();
        Map<String, Object> model = PageServlet.frame(session);
        model.put("device", view(device, since, now));
        List<RangeView> ranges = new ArrayList<>();
        for (Range r : Range.values()) {
            ranges.add(new RangeView(r.value, r.label, r == range.get()));
        }
        model.put("ranges", ranges);
        model.put("range", range.get().label);
        RemoteUiService remote = remoteUi;
        boolean offered = remote != null && remote.offered(session.user(), device.identity().id());
        model.put("remoteUi", offered);
        List<Map<String, Object>> ports = new ArrayList<>();
        if (offered) {
            for (int port : remote.webPorts()) {
                ports.add(Map.of("port", port, "label", (remote.tls(port) ? "https" : "http") + " (" + port + ")"));
            }
        }
        model.put("remotePorts", ports);
        PageServlet.html(exchange.response, 200, templates.render("device.ftlh", model));
    }

    static DeviceView view(DeviceStore.Device device, Instant since, Instant now) {
        DeviceStore.Identity id = device.identity();
        Instant from = since;
        if (from == null) {
            from = now;
            for (List<DeviceStore.Point> series : device.meterHistory().values()) {
                from = series.isEmpty() || series.get(0).at().isAfter(from) ? from : series.get(0).at();
            }
            for (DeviceStore.Supply supply : device.supplies()) {
                from = supply.history().isEmpty() || supply.history().get(0).at().isAfter(from) ? from : supply.history().get(0).at();
            }
        }
        List<ChartView> meterCharts = new ArrayList<>();
        List<MeterView> meters = new ArrayList<>();
        for (DeviceStore.Meter meter : device.meters()) {
            meters.add(new MeterView(meter.name(), meter.unit(), number(meter.value()), WHEN.format(meter.at()), meter.vendor()));
            List<DeviceStore.Point> series = device.meterHistory().getOrDefault(meter.name(), List.of());
            long[] bounds = Charts.bounds(series);
            meterCharts.add(new ChartView(meter.name(), Charts.polyline(series, from, now, bounds[0], bounds[1]), number(bounds[0]),
                    number(bounds[1]), DAY.format(from), DAY.format(now), series.size()));
        }
        List<SupplyView> supplies = new ArrayList<>();
        for (DeviceStore.Supply supply : device.supplies()) {
            int percent = supply.percent();
            ChartView chart = new ChartView(text(supply.description()), Charts.polyline(supply.history(), from, now, 0, 100), "0%", "100%",
                    DAY.format(from), DAY.format(now), supply.history().size());
            supplies.add(new SupplyView(text(supply.description()), text(supply.type()), percent, percent >= 0 ? Math.round(80 * percent / 100.0) : 0,
                    supply.level() == -3 ? "some remaining" : supply.level() == -2 ? "unknown" : "other", PageServlet.forecastText(supply.forecast()),
                    chart));
        }
        String agent = device.agent().map(a -> a.agentId() + (a.hostname() == null ? "" : " (" + a.hostname() + ")")
                + (a.lastContact() == null ? "" : ", last contact " + PageServlet.ago(a.lastContact()))).orElse("");
        return new DeviceView(id.id(), text(id.customerName()), text(id.siteName()), text(id.make()), text(id.model()), text(id.serial()),
                text(id.mac()), text(id.firmware()), text(id.ip()), id.firstSeen() == null ? "" : WHEN.format(id.firstSeen()),
                WHEN.format(id.lastSeen()) + " (" + PageServlet.ago(id.lastSeen()) + ")", agent, text(id.deviceStatus()), text(id.printerStatus()),
                id.conditions(), id.errors(),
                id.printerAlerts().stream().map(a -> new PrinterAlertView(text(a.severity()), text(a.code()), text(a.text()))).toList(),
                device.addresses().stream().map(a -> new AddressView(a.ip(), WHEN.format(a.firstSeen()), WHEN.format(a.lastSeen()))).toList(),
                device.alerts().stream().map(a -> new AlertView(a.summary(), WHEN.format(a.opened()))).toList(), meters, meterCharts, supplies);
    }

    static String number(long value) {
        return String.format(Locale.US, "%,d", value);
    }

    private static String text(String value) {
        return value == null ? "" : value;
    }
}
