package org.printscout.itest.web;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import org.junit.After;
import org.junit.Test;
import org.printscout.itest.PortalBrowser;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

/**
 * Issue 17 item 5, against the assembled portal: readings uploaded through the importer API come out
 * of the billing meter export (CSV and JSON, page and API) with exactly the uploaded numbers for a
 * device read at both boundaries of October 2026, estimated ones for a device read around them, and
 * a meter that went backwards flagged and billed 0. A dealer's API token (made with portal:token or
 * on the tokens page) reads the export and nothing else, changes nothing, and gives 401 once revoked.
 * A viewer of one customer exports only that customer's devices.
 */
public class PortalMeterExportTest {

    private PortalUnderTest portal;

    @After
    public void stop() throws Exception {
        if (portal != null) {
            portal.close();
        }
    }

    @Test
    public void exportNumbersEqualTheUploadedReadingsTokensAreReadOnlyAndRevocableAndScopeHolds() throws Exception {
        portal = PortalUnderTest.started("");
        portal.ok("portal:customer c2 d1 Globex");
        portal.ok("portal:site s2 c2 Plant");
        PortalUnderTest.Agent acme = portal.activate();
        PortalUnderTest.Agent globex = activate("s2");

        // Acme: EXACT read at both boundaries (and in between), AROUND read 6 h before and after each boundary
        upload(acme, "s1", "2026-10-01T00:00:00Z", device("10.1.0.10", "EXACT", "2026-10-01T00:00:00Z",
                Map.of("total", 10_000L, "mono", 7_000L, "color", 3_000L, "copy.mono", 500L)));
        upload(acme, "s1", "2026-09-30T18:00:00Z", device("10.1.0.11", "AROUND", "2026-09-30T18:00:00Z", Map.of("total", 100L)));
        upload(acme, "s1", "2026-10-01T06:00:00Z", device("10.1.0.11", "AROUND", "2026-10-01T06:00:00Z", Map.of("total", 200L)));
        upload(acme, "s1", "2026-10-15T12:00:00Z", device("10.1.0.10", "EXACT", "2026-10-15T12:00:00Z",
                Map.of("total", 12_000L, "mono", 8_200L, "color", 3_800L, "copy.mono", 700L))
                + device("10.1.0.11", "AROUND", "2026-10-15T12:00:00Z", Map.of("total", 555L)));
        upload(acme, "s1", "2026-10-31T18:00:00Z", device("10.1.0.11", "AROUND", "2026-10-31T18:00:00Z", Map.of("total", 900L)));
        upload(acme, "s1", "2026-11-01T00:00:00Z", device("10.1.0.10", "EXACT", "2026-11-01T00:00:00Z",
                Map.of("total", 13_457L, "mono", 9_000L, "color", 4_457L, "copy.mono", 812L)));
        upload(acme, "s1", "2026-11-01T06:00:00Z", device("10.1.0.11", "AROUND", "2026-11-01T06:00:00Z", Map.of("total", 1_000L)));
        // Globex: a meter that went backwards (a replaced board)
        upload(globex, "s2", "2026-10-01T00:00:00Z", device("10.2.0.5", "BACKWARDS", "2026-10-01T00:00:00Z", Map.of("total", 5_000L)));
        upload(globex, "s2", "2026-11-01T00:00:00Z", device("10.2.0.5", "BACKWARDS", "2026-11-01T00:00:00Z", Map.of("total", 4_000L)));

        // --- a token from the shell: CSV and JSON over the API ---
        String token = portal.ok("portal:token create d1 billing").strip();
        assertTrue(token, token.matches("pst_[A-Za-z0-9_-]{40,}"));
        HttpResponse<String> csv = api("/api/v1/export?month=2026-10&format=csv", token);
        assertEquals(csv.body(), 200, csv.statusCode());
        System.out.println("the October export as CSV:\n" + csv.body());
        Map<String, String[]> rows = csvRows(csv.body());
        assertRow(rows, "EXACT/total", "2026-10-01T00:00:00Z", "10000", "false", "2026-11-01T00:00:00Z", "13457", "false", "3457", "false");
        assertRow(rows, "EXACT/mono", "2026-10-01T00:00:00Z", "7000", "false", "2026-11-01T00:00:00Z", "9000", "false", "2000", "false");
        assertRow(rows, "EXACT/color", "2026-10-01T00:00:00Z", "3000", "false", "2026-11-01T00:00:00Z", "4457", "false", "1457", "false");
        assertRow(rows, "EXACT/copy.mono", "2026-10-01T00:00:00Z", "500", "false", "2026-11-01T00:00:00Z", "812", "false", "312", "false");
        // halfway between 100 and 200, and between 900 and 1000: estimated
        assertRow(rows, "AROUND/total", "2026-10-01T00:00:00Z", "150", "true", "2026-11-01T00:00:00Z", "950", "true", "800", "false");
        assertRow(rows, "BACKWARDS/total", "2026-10-01T00:00:00Z", "5000", "false", "2026-11-01T00:00:00Z", "4000", "false", "0", "true");
        assertEquals("one row per device and meter: " + rows.keySet(), 6, rows.size());
        String firstRow = csv.body().split("\r\n")[1];
        assertTrue(firstRow, firstRow.startsWith("2026-10-01T00:00:00Z,2026-11-01T00:00:00Z,c1,Acme,s1,HQ,"));

        JsonObject json = JsonParser.parseString(api("/api/v1/export?month=2026-10", token).body()).getAsJsonObject();
        Map<String, JsonObject> meters = new HashMap<>();
        for (var d : json.getAsJsonArray("devices")) {
            for (var m : d.getAsJsonObject().getAsJsonArray("meters")) {
                meters.put(d.getAsJsonObject().get("serial").getAsString() + "/" + m.getAsJsonObject().get("name").getAsString(), m.getAsJsonObject());
            }
        }
        assertEquals(rows.keySet(), meters.keySet());
        assertEquals(3457, meters.get("EXACT/total").get("usage").getAsLong());
        assertEquals(13_457, meters.get("EXACT/total").getAsJsonObject("end").get("value").getAsLong());
        assertFalse(meters.get("EXACT/total").getAsJsonObject("end").get("estimated").getAsBoolean());
        assertTrue(meters.get("AROUND/total").getAsJsonObject("start").get("estimated").getAsBoolean());
        assertTrue(meters.get("BACKWARDS/total").get("backwards").getAsBoolean());

        // --- read only: no writing through the export, no page, no agent API with a token ---
        for (String method : List.of("POST", "PUT", "DELETE")) {
            HttpResponse<String> write = portal.http.send(HttpRequest.newBuilder(URI.create(portal.url("/api/v1/export")))
                    .header("Authorization", "Bearer " + token).method(method, HttpRequest.BodyPublishers.ofString("{}")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(method + ": " + write.body(), 405, write.statusCode());
        }
        assertEquals("a token is not a session", 303, api("/", token).statusCode());
        assertEquals("a token is not an agent", 401, api("/api/v1/agents/" + acme.id() + "/config", token).statusCode());
        assertEquals(401, api("/api/v1/export?month=2026-10", "pst_" + "A".repeat(43)).statusCode());
        assertEquals(401, portal.http.send(HttpRequest.newBuilder(URI.create(portal.url("/api/v1/export"))).build(),
                HttpResponse.BodyHandlers.ofString()).statusCode());

        // --- the page: the admin sees the same numbers, revokes the shell's token, makes one and the shell revokes it ---
        PortalBrowser admin = portal.person();
        HttpResponse<String> pageCsv = admin.get("/export.csv?month=2026-10");
        assertEquals(200, pageCsv.statusCode());
        assertEquals(csv.body(), pageCsv.body());
        String page = admin.get("/export?month=2026-10").body();
        assertTrue(page, page.contains("3,457") && page.contains("backwards") && page.contains("est."));
        String tokenId = tokenIds().get("billing");
        admin.get("/tokens");
        assertEquals(200, admin.post("/tokens/" + tokenId + "/revoke", Map.of()).statusCode());
        assertEquals("revoked on the page", 401, api("/api/v1/export?month=2026-10", token).statusCode());
        HttpResponse<String> made = admin.post("/tokens", Map.of("name", "erp"));
        Matcher shown = Pattern.compile("<code id=\"new-token\">(pst_[A-Za-z0-9_-]+)</code>").matcher(made.body());
        assertTrue(made.body(), shown.find());
        assertEquals(200, api("/api/v1/export?month=2026-10", shown.group(1)).statusCode());
        assertTrue(portal.ok("portal:token revoke d1 " + tokenIds().get("erp")).contains("revoked"));
        assertEquals("revoked from the shell", 401, api("/api/v1/export?month=2026-10", shown.group(1)).statusCode());
        String audit = portal.ok("portal:audit");
        assertTrue(audit, audit.contains("token-created") && audit.contains("token-revoked"));
        assertFalse("the audit never holds a token: " + audit, audit.contains(token) || audit.contains(shown.group(1)));

        // --- scope: a viewer of Acme exports Acme's devices only ---
        portal.ok("portal:user vera 'viewer password 1' viewer d1 c1");
        PortalBrowser vera = PortalBrowser.signedIn(portal.url(""), "vera", "viewer password 1");
        String theirs = vera.get("/export.csv?month=2026-10").body();
        assertTrue(theirs, theirs.contains("EXACT") && theirs.contains("AROUND"));
        assertFalse(theirs, theirs.contains("BACKWARDS") || theirs.contains("Globex"));
        String theirJson = vera.get("/export.json?month=2026-10").body();
        assertEquals(2, JsonParser.parseString(theirJson).getAsJsonObject().getAsJsonArray("devices").size());
        assertEquals("a viewer manages no tokens", 403, vera.get("/tokens").statusCode());
    }

    // ---- helpers ----------------------------------------------------------------------------------

    private static void assertRow(Map<String, String[]> rows, String key, String... startToBackwards) {
        String[] row = rows.get(key);
        assertTrue("no row " + key + " in " + rows.keySet(), row != null);
        // columns 11.. : start_date, start_value, start_estimated, end_date, end_value, end_estimated, usage, backwards
        assertEquals(key, List.of(startToBackwards), List.of(row).subList(11, 19));
    }

    /** The CSV's rows by serial/meter (no field of this test's data needs quoting). */
    private static Map<String, String[]> csvRows(String body) {
        String[] lines = body.split("\r\n");
        assertEquals("period_start,period_end,customer_id,customer,site_id,site,serial,make,model,ip,meter,start_date,start_value,"
                + "start_estimated,end_date,end_value,end_estimated,usage,backwards", lines[0]);
        Map<String, String[]> rows = new HashMap<>();
        for (int i = 1; i < lines.length; i++) {
            String[] cells = lines[i].split(",", -1);
            assertEquals(lines[i], 19, cells.length);
            rows.put(cells[6] + "/" + cells[10], cells);
        }
        return rows;
    }

    /** The dealer's token ids by name, from portal:tokens. */
    private Map<String, String> tokenIds() {
        Map<String, String> ids = new HashMap<>();
        for (String line : portal.ok("portal:tokens d1").split("\n")) {
            String[] cells = line.strip().split("\t");
            if (cells.length > 2) {
                ids.put(cells[1], cells[0]);
            }
        }
        return ids;
    }

    private HttpResponse<String> api(String path, String token) throws Exception {
        return portal.http.send(HttpRequest.newBuilder(URI.create(portal.url(path))).header("Authorization", "Bearer " + token).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static String device(String ip, String serial, String readAt, Map<String, Long> meters) {
        StringBuilder xml = new StringBuilder("<device ip=\"" + ip + "\" serial=\"" + serial + "\" make=\"HP\" model=\"LaserJet M479\" readAt=\""
                + readAt + "\"><status device=\"running\" printer=\"idle\"/>");
        for (String name : List.of("total", "mono", "color", "copy.mono")) {
            if (meters.containsKey(name)) {
                xml.append("<meter name=\"").append(name).append("\">").append(meters.get(name)).append("</meter>");
            }
        }
        return xml.append("</device>").toString();
    }

    private void upload(PortalUnderTest.Agent agent, String site, String finished, String devices) throws Exception {
        String id = UUID.randomUUID().toString();
        String xml = "<?xml version=\"1.0\" encoding=\"UTF-8\"?><report xmlns=\"urn:printscout:report:1\" id=\"" + id + "\" agent=\"" + agent.id()
                + "\" site=\"" + site + "\" kind=\"meter\" started=\"" + finished + "\" finished=\"" + finished + "\">" + devices + "</report>";
        ByteArrayOutputStream zipped = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(zipped)) {
            zip.putNextEntry(new ZipEntry("report.xml"));
            zip.write(xml.getBytes(StandardCharsets.UTF_8));
            zip.closeEntry();
        }
        HttpResponse<String> stored = portal.http.send(HttpRequest.newBuilder(URI.create(portal.url("/api/v1/agents/" + agent.id() + "/reports/" + id)))
                .header("Authorization", agent.authorization()).header("Content-Type", "application/zip")
                .PUT(HttpRequest.BodyPublishers.ofByteArray(zipped.toByteArray())).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals("upload of " + finished + ": " + stored.body(), 201, stored.statusCode());
    }

    private PortalUnderTest.Agent activate(String site) throws Exception {
        String key = portal.ok("portal:key " + site).strip();
        HttpResponse<String> response = portal.http.send(HttpRequest.newBuilder(URI.create(portal.url("/api/v1/activate")))
                .POST(HttpRequest.BodyPublishers.ofString("{\"activationKey\":\"" + key + "\",\"hostname\":\"plant-pc\"}")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(response.body(), 200, response.statusCode());
        JsonObject answer = JsonParser.parseString(response.body()).getAsJsonObject();
        return new PortalUnderTest.Agent(answer.get("agentId").getAsString(), answer.get("secret").getAsString());
    }
}
