package org.printscout.simulator.web.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.printscout.api.snmp.Oid;
import org.printscout.api.snmp.Snapshot;
import org.printscout.api.snmp.SnmpValue;
import org.printscout.simulator.Faults;
import org.printscout.simulator.Recording;
import org.printscout.simulator.SimulatedDevice;
import org.printscout.simulator.Simulator;
import org.printscout.simulator.TrafficStatistics;

class PrinterPageTest {

    private final HttpClient http = HttpClient.newBuilder().proxy(HttpClient.Builder.NO_PROXY).build();
    private Simulator simulator;
    private Server server;

    @AfterEach
    void stop() throws Exception {
        if (server != null) {
            server.stop();
        }
        if (simulator != null) {
            simulator.close();
        }
    }

    @Test
    void eachPrinterAddressServesItsOwnRecordingsStatusPage() throws Exception {
        Path recordings = Path.of(System.getProperty("printscout.testdata"), "printers", "snmprec");
        simulator = Simulator.builder().community("public")
                .device(new InetSocketAddress("127.88.0.1", 0), Recording.load(recordings.resolve("jetdirect_m130nw.snmprec")))
                .device(new InetSocketAddress("127.88.0.2", 0), Recording.load(recordings.resolve("sharp.snmprec")))
                .start();
        Map<String, SimulatedDevice> byAddress = new LinkedHashMap<>();
        simulator.devices().forEach(d -> byAddress.put(d.address().getAddress().getHostAddress(), d));
        int port = serve(byAddress, "127.88.0.1", "127.88.0.2");

        HttpResponse<String> root = get("http://127.88.0.1:" + port + "/");
        assertEquals(302, root.statusCode());
        assertTrue(root.headers().firstValue("Location").orElse("").endsWith("/status.html"), root.headers().toString());
        for (SimulatedDevice device : simulator.devices()) {
            String address = device.address().getAddress().getHostAddress();
            HttpResponse<String> page = get("http://" + address + ":" + port + "/status.html");
            assertEquals(200, page.statusCode());
            String serial = device.served().column(PrinterPage.SERIAL).firstEntry().getValue().asText();
            assertTrue(page.body().contains(serial), address + " shows its own serial " + serial + ": " + page.body());
            assertTrue(page.body().contains("<title>" + PrinterPage.TITLE_PREFIX), page.body());
            assertTrue(page.body().contains(device.name()), page.body());
        }
        assertEquals(404, get("http://127.88.0.1:" + port + "/secret").statusCode());
    }

    @Test
    void aDevicesStringsAreEscapedInItsPage() throws Exception {
        Map<Oid, SnmpValue> values = new LinkedHashMap<>();
        values.put(Oid.parse("1.3.6.1.2.1.1.5.0"), SnmpValue.octets("<script>alert(1)</script>".getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        values.put(Oid.parse("1.3.6.1.2.1.43.11.1.1.6.1.1"), SnmpValue.octets("Toner \" onmouseover=\"x".getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        values.put(Oid.parse("1.3.6.1.2.1.43.11.1.1.8.1.1"), SnmpValue.integer(1000));
        values.put(Oid.parse("1.3.6.1.2.1.43.11.1.1.9.1.1"), SnmpValue.integer(420));
        String page = PrinterPage.page(new FakeDevice(Snapshot.of(values)));
        assertFalse(page.contains("<script>"), page);
        assertFalse(page.contains("\" onmouseover"), page);
        assertTrue(page.contains("&lt;script&gt;"), page);
        assertTrue(page.contains("42 %"), page);
    }

    private int serve(Map<String, SimulatedDevice> byAddress, String... addresses) throws Exception {
        server = new Server();
        int port = 0;
        for (String address : addresses) {
            ServerConnector connector = new ServerConnector(server, 0, 1);
            connector.setHost(address);
            connector.setPort(port);
            connector.open();
            port = connector.getLocalPort();
            server.addConnector(connector);
        }
        server.setHandler(new PrinterPage(byAddress));
        server.start();
        return port;
    }

    private HttpResponse<String> get(String url) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private record FakeDevice(Snapshot served) implements SimulatedDevice {
        @Override
        public String name() {
            return "hostile";
        }

        @Override
        public InetSocketAddress address() {
            return new InetSocketAddress("127.88.0.9", 161);
        }

        @Override
        public Set<String> communities() {
            return Set.of("public");
        }

        @Override
        public byte[] engineId() {
            return new byte[0];
        }

        @Override
        public Faults faults() {
            return Faults.NONE;
        }

        @Override
        public void setFaults(Faults faults) {
        }

        @Override
        public TrafficStatistics statistics() {
            return null;
        }
    }
}
