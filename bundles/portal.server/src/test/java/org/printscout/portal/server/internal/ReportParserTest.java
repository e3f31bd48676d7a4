package org.printscout.portal.server.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;

/** The report parser against hostile uploads (issue 11, items 7, 8 and 10): real zips, the real schema. */
class ReportParserTest {

    private static final Instant NOW = Instant.parse("2026-12-02T12:00:00Z");
    private static final ReportParser.Limits LIMITS = new ReportParser.Limits(1024 * 1024, 32 * 1024 * 1024, 200);

    private static ReportParser parser() throws Exception {
        return new ReportParser(LIMITS, 2, Duration.ofSeconds(5), Clock.fixed(NOW, ZoneOffset.UTC), Duration.ofMinutes(5));
    }

    static byte[] zip(String xml) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            zip.putNextEntry(new ZipEntry("report.xml"));
            zip.write(xml.getBytes(StandardCharsets.UTF_8));
            zip.closeEntry();
        }
        return bytes.toByteArray();
    }

    static String report(String id, String readAt, String meterName, int devices) {
        StringBuilder xml = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?><report xmlns=\"urn:printscout:report:1\" id=\"")
                .append(id).append("\" agent=\"a1\" site=\"s\" kind=\"meter\" finished=\"").append(readAt).append("\">");
        for (int i = 0; i < devices; i++) {
            xml.append("<device ip=\"10.1.").append(i / 250).append('.').append(i % 250).append("\" serial=\"SN").append(i)
                    .append("\" make=\"HP\" model=\"M404\" readAt=\"").append(readAt).append("\"><meter name=\"").append(meterName)
                    .append("\">").append(1000 + i).append("</meter><supply index=\"1\" type=\"toner\" level=\"50\" max=\"100\">Black</supply></device>");
        }
        return xml.append("</report>").toString();
    }

    private static String refusal(ReportParser parser, byte[] zipped) {
        return assertThrows(ReportParser.RejectedReport.class, () -> parser.parse(zipped)).getMessage();
    }

    @Test
    void collapseFollowsXmlSchema() {
        assertEquals("a b", ReportParser.collapse(" \t a \r\n\n   b\t"));
        assertEquals("", ReportParser.collapse(" \n "));
        assertEquals("total", ReportParser.collapse("total"));
        // only XML's four whitespace characters: a no-break space is content
        assertEquals("a\u00a0b", ReportParser.collapse("a\u00a0b"));
    }

    @Test
    void aValidReportIsRead() throws Exception {
        ReportParser.Report r = parser().parse(zip(report(UUID.randomUUID().toString(), "2026-12-02T11:59:00Z", "total", 3)));
        assertEquals(3, r.devices().size());
        assertEquals(1002, r.devices().get(2).meters().get(0).value());
        assertEquals("", r.clamped());
    }

    @Test
    void anEntityExpansionIsRefusedBeforeAnythingIsExpanded() throws Exception {
        StringBuilder dtd = new StringBuilder("<?xml version=\"1.0\"?><!DOCTYPE report [<!ENTITY a \"").append("x".repeat(1000)).append("\">");
        String previous = "a";
        for (int level = 1; level <= 9; level++) {
            String name = "e" + level;
            dtd.append("<!ENTITY ").append(name).append(" \"").append(("&" + previous + ";").repeat(10)).append("\">");
            previous = name;
        }
        // a billion-laughs document: 10^9 x 1000 characters if expanded; a few hundred bytes zipped
        String xml = dtd + "]><report xmlns=\"urn:printscout:report:1\" id=\"" + UUID.randomUUID() + "\" agent=\"a1\" kind=\"meter\" "
                + "finished=\"2026-12-02T11:00:00Z\"><device ip=\"&" + previous + ";\" readAt=\"2026-12-02T11:00:00Z\"/></report>";
        long before = usedHeap();
        long t0 = System.nanoTime();
        String message = refusal(parser(), zip(xml));
        long millis = (System.nanoTime() - t0) / 1_000_000;
        assertTrue(message.contains("declares a document type") && message.contains("DTDs and entities are refused"), message);
        assertTrue(millis < 2000, "refused in " + millis + " ms");
        assertTrue(usedHeap() - before < 64L * 1024 * 1024, "nothing was expanded");
        String external = "<?xml version=\"1.0\"?><!DOCTYPE r [<!ENTITY x SYSTEM \"file:///etc/passwd\">]>"
                + "<report xmlns=\"urn:printscout:report:1\">&x;</report>";
        assertTrue(refusal(parser(), zip(external)).contains("declares a document type"));
    }

    private static long usedHeap() {
        Runtime rt = Runtime.getRuntime();
        return rt.totalMemory() - rt.freeMemory();
    }

    @Test
    void aMeterNameLongerThanTheColumnIsRefusedWithTheReasonNotFailedInTheDatabase() throws Exception {
        String message = refusal(parser(), zip(report(UUID.randomUUID().toString(), "2026-12-02T11:59:00Z", "vendor." + "x".repeat(300), 1)));
        assertTrue(message.startsWith("report.xml is not valid against report-1.xsd") && message.contains("maxLength"), message);
        String serial = report(UUID.randomUUID().toString(), "2026-12-02T11:59:00Z", "total", 1)
                .replace("serial=\"SN0\"", "serial=\"" + "S".repeat(129) + "\"");
        assertTrue(refusal(parser(), zip(serial)).contains("maxLength"));
    }

    @Test
    void parsesAtOnceAreBoundedAndAWaitTooLongIsBusyNotAnError() throws Exception {
        ReportParser one = new ReportParser(LIMITS, 1, Duration.ofMillis(200), Clock.fixed(NOW, ZoneOffset.UTC), Duration.ofMinutes(5));
        byte[] big = zip(report(UUID.randomUUID().toString(), "2026-12-02T11:59:00Z", "total", 20_000));
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            CountDownLatch go = new CountDownLatch(1);
            List<Future<String>> outcomes = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                outcomes.add(pool.submit(() -> {
                    go.await();
                    try {
                        return one.parse(big).devices().size() + " devices";
                    } catch (ReportParser.Busy busy) {
                        return "busy: " + busy.getMessage();
                    }
                }));
            }
            go.countDown();
            List<String> results = new ArrayList<>();
            for (Future<String> f : outcomes) {
                results.add(f.get());
            }
            assertTrue(results.contains("20000 devices"), results.toString());
            assertTrue(results.stream().anyMatch(r -> r.startsWith("busy: the portal is busy parsing 1 other uploads")), results.toString());
        } finally {
            pool.shutdownNow();
        }
        assertTrue(ReportParser.concurrencyFor(LIMITS, 256L * 1024 * 1024) * (1024 * 1024 + 4L * 32 * 1024 * 1024) <= 256L * 1024 * 1024,
                "parses at once times the largest parse fit in the heap");
        assertEquals(1, ReportParser.concurrencyFor(LIMITS, 64L * 1024 * 1024), "at least one");
    }

    @Test
    void aReadingDatedInTheFutureIsClampedAndALaterReportStillUpdatesTheDevice() throws Exception {
        ReportParser parser = parser();
        ReportParser.Report ahead = parser.parse(zip(report(UUID.randomUUID().toString(), "2026-12-03T12:00:00Z", "total", 1)));
        assertEquals(NOW, ahead.devices().get(0).readAt());
        assertEquals(NOW, ahead.finished());
        assertTrue(ahead.clamped().contains("readAt of 1 device(s) and finished up to 86400 s ahead of the portal's clock (at most 300 s"),
                ahead.clamped());
        ReportParser.Report skewed = parser.parse(zip(report(UUID.randomUUID().toString(), "2026-12-02T12:04:00Z", "total", 1)));
        assertEquals(Instant.parse("2026-12-02T12:04:00Z"), skewed.devices().get(0).readAt(), "a small skew is accepted as is");

        JdbcDataSource h2 = new JdbcDataSource();
        h2.setURL("jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
        Migrator.migrate(h2);
        TenancyStore tenancy = new TenancyStore(h2, Clock.systemUTC());
        ReportStore reportStore = new ReportStore(h2, Clock.systemUTC());
        ReadModels readModels = new ReadModels(h2);
        tenancy.createDealer("d1", "D");
        tenancy.createCustomer("c1", "d1", "C");
        tenancy.createSite("s1", "c1", "S", "{\"configurations\":{}}");
        TenancyStore.Activation agent = tenancy.activate(tenancy.newActivationKey("s1"), "host").orElseThrow();
        TenancyStore.AgentRef ref = new TenancyStore.AgentRef(agent.agentId(), "s1");
        assertEquals(ReportStore.StoreOutcome.STORED, reportStore.storeReport(ref, ahead));
        String later = report(UUID.randomUUID().toString(), "2026-12-02T12:04:30Z", "total", 1).replace(">1000<", ">2000<");
        ReportParser.Report laterReport = parser.parse(zip(later));
        assertEquals(2000L, laterReport.devices().get(0).meters().get(0).value(), later);
        assertEquals(ReportStore.StoreOutcome.STORED, reportStore.storeReport(ref, laterReport));
        ReadModels.DeviceRow device = readModels.devices(new UserStore.User("t", UserStore.Role.ADMIN, "d1", true)).get(0);
        assertEquals(2000L, device.total(), "the later report updated the device");
    }
}
