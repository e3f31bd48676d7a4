package org.printscout.simulator.web.internal;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.NavigableMap;

import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.StringUtil;
import org.printscout.api.snmp.Oid;
import org.printscout.api.snmp.Snapshot;
import org.printscout.api.snmp.SnmpValue;
import org.printscout.simulator.SimulatedDevice;

/**
 * A simulated printer's own web interface, as small as a real one's front page: "/" redirects to
 * the status page, which shows what the device's recording says (description, name, serial
 * number, page count, supplies with their levels). Recorded strings are the device's, so every
 * one is escaped (Jetty's XML escaping) before it goes into the page.
 */
final class PrinterPage extends Handler.Abstract {

    static final String TITLE_PREFIX = "Printer status - ";
    private static final Oid SYS_DESCR = Oid.parse("1.3.6.1.2.1.1.1.0");
    private static final Oid SYS_NAME = Oid.parse("1.3.6.1.2.1.1.5.0");
    /** prtGeneralSerialNumber, prtMarkerLifeCount: the first row's (the printer's first marker). */
    static final Oid SERIAL = Oid.parse("1.3.6.1.2.1.43.5.1.1.17");
    private static final Oid LIFE_COUNT = Oid.parse("1.3.6.1.2.1.43.10.2.1.4");
    private static final Oid SUPPLY_DESCRIPTION = Oid.parse("1.3.6.1.2.1.43.11.1.1.6");
    private static final Oid SUPPLY_MAX = Oid.parse("1.3.6.1.2.1.43.11.1.1.8");
    private static final Oid SUPPLY_LEVEL = Oid.parse("1.3.6.1.2.1.43.11.1.1.9");

    private final Map<String, SimulatedDevice> byAddress;

    PrinterPage(Map<String, SimulatedDevice> byAddress) {
        this.byAddress = Map.copyOf(byAddress);
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) {
        SimulatedDevice device = byAddress.get(Request.getLocalAddr(request));
        String path = request.getHttpURI().getPath();
        if (device == null || !"GET".equals(request.getMethod()) && !"HEAD".equals(request.getMethod())) {
            Response.writeError(request, response, callback, device == null ? 404 : 405);
        } else if ("/".equals(path)) {
            Response.sendRedirect(request, response, callback, "/status.html");
        } else if ("/status.html".equals(path)) {
            byte[] page = page(device).getBytes(StandardCharsets.UTF_8);
            response.setStatus(200);
            response.getHeaders().put(HttpHeader.CONTENT_TYPE, "text/html; charset=utf-8");
            response.getHeaders().put(HttpHeader.CACHE_CONTROL, "no-store");
            response.write(true, ByteBuffer.wrap(page), callback);
        } else {
            Response.writeError(request, response, callback, 404);
        }
        return true;
    }

    static String page(SimulatedDevice device) {
        Snapshot served = device.served();
        String name = served.text(SYS_NAME).filter(n -> !n.isBlank()).orElse(device.name());
        StringBuilder html = new StringBuilder(2048);
        html.append("<!doctype html><html><head><meta charset=\"utf-8\"><title>").append(escape(TITLE_PREFIX + name)).append("</title>")
                .append("<style>body{font-family:sans-serif;margin:2em}td,th{padding:.2em .8em;text-align:left}"
                        + ".bar{display:inline-block;height:.8em;background:#2a7}</style></head><body>")
                .append("<h1 id=\"name\">").append(escape(name)).append("</h1><table>")
                .append(row("Description", served.text(SYS_DESCR).orElse("")))
                .append(row("Serial number", first(served, SERIAL).map(SnmpValue::asText).orElse("")))
                .append(row("Total pages", first(served, LIFE_COUNT).map(SnmpValue::asText).orElse("")))
                .append(row("Recording", device.name()))
                .append("</table><h2>Supplies</h2><table id=\"supplies\">");
        NavigableMap<Oid, SnmpValue> descriptions = served.column(SUPPLY_DESCRIPTION);
        for (Map.Entry<Oid, SnmpValue> supply : descriptions.entrySet()) {
            Oid index = supply.getKey();
            long level = served.number(SUPPLY_LEVEL.append(index)).orElse(-2);
            long max = served.number(SUPPLY_MAX.append(index)).orElse(-2);
            String percent = level >= 0 && max > 0 ? Math.min(100, level * 100 / max) + " %" : "unknown";
            html.append("<tr><td>").append(escape(supply.getValue().asText())).append("</td><td>").append(percent).append("</td><td>");
            if (level >= 0 && max > 0) {
                html.append("<span class=\"bar\" style=\"width:").append(Math.min(100, level * 100 / max) * 2).append("px\"></span>");
            }
            html.append("</td></tr>");
        }
        return html.append("</table></body></html>").toString();
    }

    private static java.util.Optional<SnmpValue> first(Snapshot served, Oid column) {
        return java.util.Optional.ofNullable(served.column(column).firstEntry()).map(Map.Entry::getValue);
    }

    private static String row(String label, String value) {
        return "<tr><th>" + label + "</th><td>" + escape(value) + "</td></tr>";
    }

    private static String escape(String text) {
        return StringUtil.sanitizeXmlString(text);
    }
}
