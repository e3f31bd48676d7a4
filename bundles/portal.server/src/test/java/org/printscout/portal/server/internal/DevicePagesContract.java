package org.printscout.portal.server.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import javax.sql.DataSource;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The device page's and the fleet view's read model (issue 17 item 1), on each database: reports
 * parsed and stored as an upload stores them, then what {@link DeviceStore} and the device page's
 * template make of them.
 */
abstract class DevicePagesContract {

    abstract DataSource freshDatabase() throws Exception;

    DataSource dataSource;
    TenancyStore tenancy;
    ReportStore reports;
    DeviceStore devices;
    ReportParser parser;
    TenancyStore.AgentRef acmeAgent;
    TenancyStore.AgentRef globexAgent;
    final Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
    final UserStore.User dealerAdmin = new UserStore.User("admin", UserStore.Role.ADMIN, "d1", true);

    @BeforeEach
    void setUp() throws Exception {
        dataSource = freshDatabase();
        Migrator.migrate(dataSource);
        tenancy = new TenancyStore(dataSource, Clock.systemUTC());
        reports = new ReportStore(dataSource, Clock.systemUTC());
        devices = new DeviceStore(dataSource, Clock.systemUTC());
        parser = new ReportParser(new ReportParser.Limits(64 * 1024, 1024 * 1024, 200));
        tenancy.createDealer("d1", "Dealer One");
        tenancy.createCustomer("c1", "d1", "Acme");
        tenancy.createCustomer("c2", "d1", "Globex");
        tenancy.createSite("s1", "c1", "Acme HQ", "{\"configurations\":{}}");
        tenancy.createSite("s2", "c2", "Globex plant", "{\"configurations\":{}}");
        TenancyStore.Activation a = tenancy.activate(tenancy.newActivationKey("s1"), "acme-pc").orElseThrow();
        acmeAgent = new TenancyStore.AgentRef(a.agentId(), "s1");
        TenancyStore.Activation b = tenancy.activate(tenancy.newActivationKey("s2"), "globex-pc").orElseThrow();
        globexAgent = new TenancyStore.AgentRef(b.agentId(), "s2");
    }

    void store(TenancyStore.AgentRef agent, Instant at, String devicesXml) throws Exception {
        String xml = "<?xml version=\"1.0\" encoding=\"UTF-8\"?><report xmlns=\"urn:printscout:report:1\" id=\"" + UUID.randomUUID()
                + "\" agent=\"" + agent.agentId() + "\" site=\"" + agent.siteId() + "\" kind=\"status\" finished=\"" + at + "\">" + devicesXml
                + "</report>";
        assertEquals(ReportStore.StoreOutcome.STORED, reports.storeReport(agent, parser.parse(PortalContract.zip("report.xml",
                xml.getBytes(StandardCharsets.UTF_8)))));
    }

    static String device(String ip, String serial, String model, Instant at, String status, String inner) {
        return "<device ip=\"" + ip + "\" mac=\"00:1B:A9:00:00:0" + serial.length() % 10 + "\" serial=\"" + serial + "\" make=\"Kyocera\" model=\""
                + model + "\" firmware=\"2S0_2000.004.100\" readAt=\"" + at + "\">" + inner.replace("STATUS", status) + "</device>";
    }

    static String status(String device, String... conditions) {
        StringBuilder out = new StringBuilder("<status device=\"" + device + "\" printer=\"idle\">");
        for (String condition : conditions) {
            out.append("<condition>").append(condition).append("</condition>");
        }
        return out.append("</status>").toString();
    }

    static String meters(long total) {
        return "<meter name=\"total\">" + total + "</meter><meter name=\"print.mono\">" + total / 2 + "</meter>"
                + "<meter name=\"kyocera.markerServiceCount\">" + total * 3 + "</meter>";
    }

    static String toner(int level) {
        return "<supply index=\"1\" type=\"toner\" colorant=\"black\" unit=\"percent\" level=\"" + level + "\" max=\"100\">Black Toner</supply>";
    }

    /** Ten days of one device draining 3 %/day from 80 %, its meter rising, moving from .5 to .6 on day 7. */
    long history() throws Exception {
        for (int day = 9; day >= 0; day--) {
            Instant at = now.minus(Duration.ofDays(day));
            String ip = day > 2 ? "10.1.0.5" : "10.1.0.6";
            store(acmeAgent, at, device(ip, "KY-1", "TASKalfa 2554ci", at, "running", status("running") + meters(1000 + 100L * (9 - day))
                    + toner(80 - 3 * (9 - day))));
        }
        return devices.fleet(dealerAdmin, new DeviceStore.Filter("", "", "", "KY-1", ""), DeviceStore.Attention.DEFAULT, 0, 10).rows().get(0).id();
    }

    @Test
    void theDevicePageHasIdentityAddressHistoryMetersSuppliesAndTheirHistories() throws Exception {
        long id = history();
        DeviceStore.Device device = devices.device(dealerAdmin, id, now.minus(Duration.ofDays(30))).orElseThrow();
        DeviceStore.Identity identity = device.identity();
        assertEquals("Kyocera", identity.make());
        assertEquals("TASKalfa 2554ci", identity.model());
        assertEquals("2S0_2000.004.100", identity.firmware());
        assertEquals("10.1.0.6", identity.ip());
        assertEquals(now.minus(Duration.ofDays(9)), identity.firstSeen());
        assertEquals(now, identity.lastSeen());
        assertEquals("Acme", identity.customerName());
        assertEquals(List.of("10.1.0.6", "10.1.0.5"), device.addresses().stream().map(DeviceStore.Address::ip).toList());
        assertEquals(now.minus(Duration.ofDays(9)), device.addresses().get(1).firstSeen());
        assertEquals(now.minus(Duration.ofDays(3)), device.addresses().get(1).lastSeen());
        assertEquals(acmeAgent.agentId(), device.agent().orElseThrow().agentId());
        // normalised meters first, then the vendor's
        assertEquals(List.of("print.mono", "total", "kyocera.markerServiceCount"), device.meters().stream().map(DeviceStore.Meter::name).toList());
        assertEquals(List.of(false, false, true), device.meters().stream().map(DeviceStore.Meter::vendor).toList());
        assertEquals(1900, device.meters().get(1).value());
        assertEquals(10, device.meterHistory().get("total").size());
        assertEquals(1000, device.meterHistory().get("total").get(0).value());
        DeviceStore.Supply toner = device.supplies().get(0);
        assertEquals(53, toner.percent());
        assertEquals(10, toner.history().size());
        assertEquals(80, toner.history().get(0).value());
        assertEquals(RunOutForecast.Kind.RUNS_OUT, toner.forecast().kind());
        assertEquals(17, toner.forecast().wholeDays());

        // a shorter range: only its readings
        DeviceStore.Device week = devices.device(dealerAdmin, id, now.minus(Duration.ofDays(7)).plusSeconds(1)).orElseThrow();
        assertEquals(7, week.meterHistory().get("total").size());
        assertEquals(7, week.supplies().get(0).history().size());

        // the page: every meter, a chart per meter and per supply
        Map<String, Object> model = new LinkedHashMap<>();
        model.put("viewer", new PageServlet.Viewer("admin", "admin", true, true, true));
        model.put("csrf", "x");
        model.put("device", DevicePageServlet.view(device, now.minus(Duration.ofDays(30)), now));
        model.put("ranges", List.of(new DevicePageServlet.RangeView("30d", "30 days", true)));
        model.put("range", "30 days");
        String html = new Templates().render("device.ftlh", model);
        assertTrue(html.contains("<td id=\"firmware\">2S0_2000.004.100</td>"), html);
        assertTrue(html.contains("kyocera.markerServiceCount <small>vendor</small>"), html);
        assertEquals(4, count(html, "<polyline"), "three meter charts and one supply chart: " + html);
        assertTrue(html.contains("<rect width=\"42\" height=\"9\" fill=\"#4a7\"/>"), "53 % of 80 px: " + html);
    }

    @Test
    void theFleetFiltersByCustomerSiteModelSerialAndStatusAndListsWhatNeedsAttention() throws Exception {
        history();
        store(acmeAgent, now, device("10.1.0.7", "KY-JAM", "ECOSYS M2540dn", now, "warning", status("warning", "jammed", "lowPaper") + toner(60)));
        store(acmeAgent, now, device("10.1.0.8", "KY-LOW", "ECOSYS M2540dn", now, "running", status("running") + toner(4)));
        Instant old = now.minus(Duration.ofHours(5));
        store(globexAgent, old, device("10.2.0.9", "HP-OLD", "LaserJet 100_x", old, "running", status("running") + toner(90)));
        store(globexAgent, now, device("10.2.0.10", "HP-OK", "LaserJet 200", now, "running", status("running", "lowPaper")
                + "<alert severity=\"warning\" code=\"subunitAlmostEmpty\">Tray 1 low</alert>" + toner(70)));
        DeviceStore.Attention attention = DeviceStore.Attention.DEFAULT;
        assertEquals(List.of("KY-1", "KY-JAM", "KY-LOW", "HP-OK", "HP-OLD"), serials(DeviceStore.Filter.ALL));
        assertEquals(List.of("HP-OK", "HP-OLD"), serials(new DeviceStore.Filter("c2", "", "", "", "")));
        assertEquals(List.of("KY-1", "KY-JAM", "KY-LOW"), serials(new DeviceStore.Filter("", "s1", "", "", "")));
        assertEquals(List.of("KY-JAM", "KY-LOW"), serials(new DeviceStore.Filter("", "", "m2540", "", "")));
        assertEquals(List.of("KY-JAM", "KY-LOW"), serials(new DeviceStore.Filter("", "", "kyocera ecosys", "", "")));
        // LIKE's wildcards are matched as themselves
        assertEquals(List.of("HP-OLD"), serials(new DeviceStore.Filter("", "", "100_", "", "")));
        assertEquals(List.of(), serials(new DeviceStore.Filter("", "", "%", "", "")));
        assertEquals(List.of("KY-LOW"), serials(new DeviceStore.Filter("", "", "", "y-lo", "")));
        assertEquals(List.of("KY-JAM"), serials(new DeviceStore.Filter("", "", "", "", "warning")));
        DeviceStore.Fleet needs = devices.fleet(dealerAdmin, new DeviceStore.Filter("", "", "", "", "attention"), attention, 0, 50);
        assertEquals(List.of("KY-JAM", "KY-LOW", "HP-OLD"), needs.rows().stream().map(DeviceStore.FleetRow::serial).toList());
        assertEquals(List.of("in error (jammed)"), needs.rows().get(0).reasons());
        assertEquals(List.of("supply low (4%)"), needs.rows().get(1).reasons());
        assertTrue(needs.rows().get(2).reasons().get(0).startsWith("offline"), needs.rows().get(2).reasons().toString());
        // paging
        DeviceStore.Fleet second = devices.fleet(dealerAdmin, DeviceStore.Filter.ALL, attention, 2, 2);
        assertEquals(5, second.matched());
        assertEquals(List.of("KY-LOW", "HP-OK"), second.rows().stream().map(DeviceStore.FleetRow::serial).toList());
    }

    @Test
    void aCustomersUserSeesOnlyThatCustomersDevices() throws Exception {
        long acme = history();
        store(globexAgent, now, device("10.2.0.10", "HP-OK", "LaserJet 200", now, "running", status("running") + toner(70)));
        UserStore users = new UserStore(dataSource);
        assertTrue(users.createUser("globex-viewer", "a long password".toCharArray(), UserStore.Role.VIEWER, "d1", List.of("c2")));
        UserStore.User viewer = users.credentials("globex-viewer").orElseThrow().user();
        long globex = devices.fleet(dealerAdmin, new DeviceStore.Filter("", "", "", "HP-OK", ""), DeviceStore.Attention.DEFAULT, 0, 1).rows().get(0).id();
        assertEquals(globexAgent.agentId(), devices.device(viewer, globex, null).orElseThrow().agent().orElseThrow().agentId(),
                "a device without meters: the agent of its newest supply reading");
        assertEquals(List.of("HP-OK"), devices.fleet(viewer, DeviceStore.Filter.ALL, DeviceStore.Attention.DEFAULT, 0, 10).rows().stream()
                .map(DeviceStore.FleetRow::serial).toList());
        assertFalse(devices.device(viewer, acme, null).isPresent(), "another customer's device does not exist for them");
        assertEquals(List.of(), devices.fleet(viewer, new DeviceStore.Filter("c1", "", "", "", ""), DeviceStore.Attention.DEFAULT, 0, 10).rows());
    }

    List<String> serials(DeviceStore.Filter filter) throws Exception {
        return devices.fleet(dealerAdmin, filter, DeviceStore.Attention.DEFAULT, 0, 100).rows().stream().map(DeviceStore.FleetRow::serial).toList();
    }

    static int count(String text, String part) {
        int n = 0;
        for (int i = text.indexOf(part); i >= 0; i = text.indexOf(part, i + 1)) {
            n++;
        }
        return n;
    }
}
