package org.printscout.upload.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class SiteConfigurationTest {

    @Test
    void valuesBecomeConfigAdminTypes() {
        SiteConfiguration site = SiteConfiguration.parse("{\"siteId\":\"s\",\"configurations\":{\"org.printscout.scheduler\":"
                + "{\"meterTime\":\"06:00\",\"statusMinutes\":15,\"ratio\":0.5,\"remoteUi\":false,\"ports\":[161,16100]}}}");
        var properties = site.configurations().get("org.printscout.scheduler");
        assertEquals("06:00", properties.get("meterTime"));
        assertEquals(15L, properties.get("statusMinutes"));
        assertEquals(0.5, properties.get("ratio"));
        assertEquals(Boolean.FALSE, properties.get("remoteUi"));
        assertArrayEquals(new Long[] {161L, 16100L}, (Long[]) properties.get("ports"));
        assertEquals(Boolean.TRUE, properties.get(SiteConfiguration.MANAGED));
    }

    @Test
    void thePortalCannotReconfigureTheAgentsOwnConnectionOrTheFramework() {
        for (String bad : new String[] {"org.printscout.upload", "org.printscout.report", "org.apache.felix.fileinstall~x", "a b"}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> SiteConfiguration.parse("{\"configurations\":{\"" + bad + "\":{}}}"));
            assertTrue(e.getMessage().contains("may not configure"), e.getMessage());
        }
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> SiteConfiguration.parse("{\"configurations\":{\"org.printscout.discovery\":{\"service.ranking\":5}}}"));
        assertTrue(e.getMessage().contains("key 'service.ranking'"), e.getMessage());
    }

    @Test
    void nonsenseIsRefusedAsAWhole() {
        assertThrows(IllegalArgumentException.class, () -> SiteConfiguration.parse("not json"));
        assertThrows(IllegalArgumentException.class, () -> SiteConfiguration.parse("{\"configurations\":[]}"));
        assertThrows(IllegalArgumentException.class,
                () -> SiteConfiguration.parse("{\"configurations\":{\"org.printscout.discovery\":{\"x\":{\"nested\":1}}}}"));
        assertThrows(IllegalArgumentException.class,
                () -> SiteConfiguration.parse("{\"configurations\":{\"org.printscout.discovery\":{\"x\":[1,\"a\"]}}}"));
    }
}
