package org.printscout.upload.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Set;

import org.junit.jupiter.api.Test;

class SiteConfigurationTest {

    private final TestChecker checker = new TestChecker();

    private SiteConfiguration parse(String json) {
        return SiteConfiguration.parse(json, checker);
    }

    private String refusal(String json) {
        return assertThrows(IllegalArgumentException.class, () -> parse(json)).getMessage();
    }

    @Test
    void valuesBecomeTheTypesOfTheComponentsMetatype() {
        SiteConfiguration site = parse("{\"siteId\":\"s\",\"configurations\":{\"org.printscout.scheduler\":"
                + "{\"meterScanTime\":\"06:00\",\"statusIntervalMinutes\":15,\"meterScanEnabled\":false},"
                + "\"org.printscout.discovery.site~hq\":{\"ranges\":[\"10.0.0.0/24\",\"10.0.1.5\"],\"port\":16100}}}");
        var properties = site.configurations().get("org.printscout.scheduler");
        assertEquals("06:00", properties.get("meterScanTime"));
        assertEquals(15.0, properties.get("statusIntervalMinutes"));
        assertEquals(Boolean.FALSE, properties.get("meterScanEnabled"));
        assertEquals(Boolean.TRUE, properties.get(SiteConfiguration.MANAGED));
        var hq = site.configurations().get("org.printscout.discovery.site~hq");
        assertArrayEquals(new String[] {"10.0.0.0/24", "10.0.1.5"}, (String[]) hq.get("ranges"));
        assertEquals(16100, hq.get("port"));
    }

    @Test
    void thePortalCannotReconfigureTheAgentsOwnConnectionOrTheFramework() {
        for (String bad : new String[] {"org.printscout.upload", "org.printscout.report", "org.printscout.shell.control",
                "org.printscout.simulator~x"}) {
            String message = refusal("{\"configurations\":{\"" + bad + "\":{}}}");
            assertTrue(message.contains("the portal may not configure " + bad.split("~")[0]), message);
        }
        assertTrue(refusal("{\"configurations\":{\"org.apache.felix.fileinstall~x\":{}}}").contains("is not a PrintScout configuration"));
    }

    @Test
    void pathsAndCommandLinesAreNeverThePortalsToChoose() {
        String log = refusal("{\"configurations\":{\"org.printscout.logging\":{\"mode\":\"debug\",\"directory\":\"/etc\"}}}");
        assertEquals("org.printscout.logging: key 'directory' refused: the portal may not set key 'directory' of org.printscout.logging "
                + "(it may set filesKept, maxFileKib, mode)", log);
        String ping = refusal("{\"configurations\":{\"org.printscout.discovery\":{\"ping\":\"COMMAND\",\"pingCommand\":\"/bin/sh -c id\"}}}");
        assertTrue(ping.startsWith("org.printscout.discovery: key 'pingCommand' refused"), ping);
        assertTrue(refusal("{\"configurations\":{\"org.printscout.discovery\":{\"service.ranking\":5}}}").contains("key 'service.ranking'"));
    }

    @Test
    void everyValueIsCheckedAgainstTheMetatypeAndTheFirstRefusalIsNamed() {
        String message = refusal("{\"configurations\":{\"org.printscout.scheduler\":{\"meterScanTime\":\"06:00\"},"
                + "\"org.printscout.logging\":{\"mode\":\"verbose\"}}}");
        assertEquals("org.printscout.logging: key 'mode': 'verbose' is not one of normal, debug", message);
    }

    @Test
    void factoryConfigurationsMustBeNamedAndSingletonsMustNot() {
        assertTrue(refusal("{\"configurations\":{\"org.printscout.discovery.site\":{}}}").contains("name it org.printscout.discovery.site~NAME"));
        assertTrue(refusal("{\"configurations\":{\"org.printscout.scheduler~x\":{}}}").contains("takes no ~NAME"));
    }

    @Test
    void aConfigurationNoInstalledBundleDescribesIsHeldBackNotRefused() {
        SiteConfiguration site = parse("{\"configurations\":{\"org.printscout.remoteui\":{\"enabled\":true},"
                + "\"org.printscout.logging\":{\"mode\":\"debug\"}}}");
        assertEquals(Set.of("org.printscout.remoteui"), site.heldBack());
        assertEquals(Set.of("org.printscout.logging"), site.configurations().keySet());
    }

    @Test
    void nonsenseIsRefusedAsAWhole() {
        assertThrows(IllegalArgumentException.class, () -> parse("not json"));
        assertThrows(IllegalArgumentException.class, () -> parse("{\"configurations\":[]}"));
        assertThrows(IllegalArgumentException.class, () -> parse("{\"configurations\":{\"org.printscout.logging\":{\"mode\":{\"nested\":1}}}}"));
        assertThrows(IllegalArgumentException.class, () -> parse("{\"configurations\":{\"org.printscout.discovery.site~a\":{\"ranges\":[1,\"a\"]}}}"));
        String deep = "[".repeat(20_000) + "]".repeat(20_000);
        String tooDeep = refusal("{\"configurations\":{\"org.printscout.logging\":{\"mode\":" + deep + "}}}");
        assertTrue(tooDeep.contains("key 'mode'"), tooDeep);
    }
}
