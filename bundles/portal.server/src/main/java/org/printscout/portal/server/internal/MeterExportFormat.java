package org.printscout.portal.server.internal;

import java.io.IOException;
import java.io.StringWriter;
import java.time.Instant;
import java.util.List;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;

/**
 * The meter export as CSV (RFC 4180: comma, CRLF, fields quoted where needed, by Apache Commons CSV)
 * with one row per device and meter, and as JSON with one object per device. Device strings are
 * hostile input: a text cell starting with {@code = + - @}, a tab or a carriage return would be read
 * as a formula by a spreadsheet, so it is prefixed with an apostrophe ({@link #neutralised}).
 */
final class MeterExportFormat {

    static final List<String> CSV_COLUMNS = List.of("period_start", "period_end", "customer_id", "customer", "site_id", "site", "serial", "make",
            "model", "ip", "meter", "start_date", "start_value", "start_estimated", "end_date", "end_value", "end_estimated", "usage", "backwards");

    private static final CSVFormat CSV = CSVFormat.RFC4180.builder().setHeader(CSV_COLUMNS.toArray(String[]::new)).get();

    private MeterExportFormat() {
    }

    static String csv(MeterExport.Export export) {
        StringWriter out = new StringWriter();
        try (CSVPrinter printer = new CSVPrinter(out, CSV)) {
            for (MeterExport.DeviceUsage device : export.devices()) {
                for (MeterExport.MeterUsage meter : device.meters()) {
                    printer.printRecord(export.from().toString(), export.to().toString(), neutralised(device.customerId()),
                            neutralised(device.customerName()), neutralised(device.siteId()), neutralised(device.siteName()),
                            neutralised(device.serial()), neutralised(device.make()), neutralised(device.model()), neutralised(device.ip()),
                            meter.name(), meter.start().at().toString(), meter.start().value(), meter.start().estimated(), meter.end().at().toString(),
                            meter.end().value(), meter.end().estimated(), meter.usage(), meter.backwards());
                }
            }
        } catch (IOException e) {
            throw new IllegalStateException("a StringWriter does not fail", e);
        }
        return out.toString();
    }

    static String json(MeterExport.Export export) {
        JsonObject root = new JsonObject();
        root.addProperty("from", export.from().toString());
        root.addProperty("to", export.to().toString());
        JsonArray devices = new JsonArray();
        for (MeterExport.DeviceUsage device : export.devices()) {
            JsonObject item = new JsonObject();
            item.addProperty("customerId", device.customerId());
            item.addProperty("customer", device.customerName());
            item.addProperty("siteId", device.siteId());
            item.addProperty("site", device.siteName());
            item.addProperty("serial", device.serial());
            item.addProperty("make", device.make());
            item.addProperty("model", device.model());
            item.addProperty("ip", device.ip());
            JsonArray meters = new JsonArray();
            for (MeterExport.MeterUsage meter : device.meters()) {
                JsonObject m = new JsonObject();
                m.addProperty("name", meter.name());
                m.add("start", boundary(meter.start()));
                m.add("end", boundary(meter.end()));
                m.addProperty("usage", meter.usage());
                m.addProperty("backwards", meter.backwards());
                meters.add(m);
            }
            item.add("meters", meters);
            devices.add(item);
        }
        root.add("devices", devices);
        return root.toString();
    }

    private static JsonObject boundary(MeterExport.Boundary boundary) {
        JsonObject b = new JsonObject();
        b.addProperty("date", boundary.at().toString());
        b.addProperty("value", boundary.value());
        b.addProperty("estimated", boundary.estimated());
        return b;
    }

    /** The text as a spreadsheet shows it literally: a leading formula character gets an apostrophe before it; null is empty. */
    static String neutralised(String text) {
        if (text == null || text.isEmpty()) {
            return "";
        }
        char first = text.charAt(0);
        return first == '=' || first == '+' || first == '-' || first == '@' || first == '\t' || first == '\r' ? "'" + text : text;
    }

    /** A file name for the export of a period. */
    static String fileName(Instant from, Instant to, String extension) {
        return "meters-" + from.toString().replace(":", "") + "-" + to.toString().replace(":", "") + "." + extension;
    }
}
