package org.printscout.api.mapper;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.printscout.api.snmp.Oid;

class ClaimsTest {

    private static DeviceFacts device(String sysObjectId, String sysDescr) {
        return new DeviceFacts(sysObjectId == null ? null : Oid.parse(sysObjectId), sysDescr);
    }

    @Test
    void aDeviceIsClaimedByEnterpriseByOidPrefixOrByASysDescrMatchAnywhere() {
        Claims claims = Claims.fromProperties(Map.of(MapperClaims.ENTERPRISE, new int[] {1347},
                MapperClaims.SYS_OBJECT_ID, new String[] {"1.3.6.1.4.1.11.2.3.9"}, MapperClaims.SYS_DESCR, "UTAX|TA Triumph"));
        assertTrue(claims.matches(device("1.3.6.1.4.1.1347.41", "")));
        assertTrue(claims.matches(device("1.3.6.1.4.1.11.2.3.9.1", "")));
        assertFalse(claims.matches(device("1.3.6.1.4.1.11.2.3.10", "")), "a prefix, not an enterprise");
        assertTrue(claims.matches(device(null, "copier UTAX 2506ci")));
        assertFalse(claims.matches(device("1.3.6.1.4.1.2435.2", "Brother NC-8300h")));
        assertFalse(claims.isEmpty());
    }

    @Test
    void noClaimsAreEmptyAndMatchNothingByThemselves() {
        Claims none = Claims.fromProperties(Map.of(MapperClaims.NAME, "standard"));
        assertTrue(none.isEmpty());
        assertFalse(none.matches(device("1.3.6.1.4.1.1347.41", "anything")));
    }

    @Test
    void aMalformedClaimIsAnErrorNamingIt() {
        assertEquals("sysDescr pattern '(unclosed' is invalid: Unclosed group",
                assertThrows(IllegalArgumentException.class, () -> Claims.of(List.of(), List.of(), List.of("(unclosed"))).getMessage());
        assertEquals("enterprise 'kyocera' is not an enterprise number",
                assertThrows(IllegalArgumentException.class, () -> Claims.of(List.of("kyocera"), List.of(), List.of())).getMessage());
        assertEquals("sysObjectId prefix '1.3.x' is not an OID",
                assertThrows(IllegalArgumentException.class, () -> Claims.of(List.of(), List.of("1.3.x"), List.of())).getMessage());
    }
}
