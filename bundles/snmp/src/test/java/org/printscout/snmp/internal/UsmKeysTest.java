package org.printscout.snmp.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.util.HexFormat;

import org.junit.jupiter.api.Test;
import org.printscout.api.snmp.AuthProtocol;
import org.printscout.api.snmp.Credential;
import org.printscout.api.snmp.PrivProtocol;
import org.printscout.api.snmp.SecurityLevel;
import org.snmp4j.security.AuthenticationProtocol;
import org.snmp4j.security.PrivAES256;
import org.snmp4j.security.PrivacyProtocol;
import org.snmp4j.security.SecurityProtocols;
import org.snmp4j.security.nonstandard.PrivAES256With3DESKeyExtension;
import org.snmp4j.smi.OctetString;

class UsmKeysTest {

    private static final byte[] ENGINE = HexFormat.of().parseHex("000000000000000000000002");

    @Test
    void cachedKuGivesTheSameKeysAsSnmp4jForEveryAlgorithm() {
        Protocols protocols = new Protocols();
        UsmKeys keys = new UsmKeys(protocols, 100);
        for (AuthProtocol authProtocol : AuthProtocol.values()) {
            AuthenticationProtocol auth = protocols.auth(authProtocol);
            assertArrayEquals(auth.passwordToKey(new OctetString("maplesyrup"), ENGINE),
                    keys.localize(auth, "maplesyrup", ENGINE), authProtocol.name());
            for (PrivProtocol privProtocol : PrivProtocol.values()) {
                PrivacyProtocol priv = protocols.priv(privProtocol);
                assertArrayEquals(SecurityProtocols.passwordToKey(priv, auth, new OctetString("privacy-pass"), ENGINE),
                        keys.privacyKey(priv, auth, "privacy-pass", ENGINE), authProtocol + "/" + privProtocol);
            }
        }
    }

    @Test
    void rfc3414AppendixA3VectorsHold() {
        Protocols protocols = new Protocols();
        UsmKeys keys = new UsmKeys(protocols, 100);
        assertEquals("526f5eed9fcce26f8964c2930787d82b",
                HexFormat.of().formatHex(keys.localize(protocols.auth(AuthProtocol.MD5), "maplesyrup", ENGINE)));
        assertEquals("6695febc9288e36282235fc7151f128497b38f3f",
                HexFormat.of().formatHex(keys.localize(protocols.auth(AuthProtocol.SHA1), "maplesyrup", ENGINE)));
    }

    @Test
    void aes256AndAes256cDifferOnlyInTheKeyExtension() {
        Protocols protocols = new Protocols();
        assertEquals(PrivAES256.class, protocols.priv(PrivProtocol.AES256).getClass());
        assertEquals(PrivAES256With3DESKeyExtension.class, protocols.priv(PrivProtocol.AES256_3DES_KEY).getClass());
        assertNotNull(protocols.securityProtocols().getPrivacyProtocol(protocols.priv(PrivProtocol.AES256_3DES_KEY).getID()));
        assertNotNull(protocols.securityProtocols().getAuthenticationProtocol(protocols.auth(AuthProtocol.MD5).getID()));

        UsmKeys keys = new UsmKeys(protocols, 100);
        AuthenticationProtocol sha1 = protocols.auth(AuthProtocol.SHA1);
        byte[] blumenthal = keys.privacyKey(protocols.priv(PrivProtocol.AES256), sha1, "privacy-pass", ENGINE);
        byte[] reeder = keys.privacyKey(protocols.priv(PrivProtocol.AES256_3DES_KEY), sha1, "privacy-pass", ENGINE);
        assertEquals(32, blumenthal.length);
        assertEquals(32, reeder.length);
        assertArrayEquals(java.util.Arrays.copyOf(blumenthal, 20), java.util.Arrays.copyOf(reeder, 20));
        assertEquals(false, java.util.Arrays.equals(blumenthal, reeder));
    }

    @Test
    void keysAreCachedPerEngineAndCredential() {
        UsmKeys keys = new UsmKeys(new Protocols(), 100);
        Credential.Usm usm = new Credential.Usm("u", SecurityLevel.AUTH_PRIV, AuthProtocol.SHA256, "auth-pass",
                PrivProtocol.TRIPLE_DES, "priv-pass", "");
        UsmKeys.Keys first = keys.keys(usm, ENGINE);
        assertSame(first, keys.keys(usm, ENGINE));
        assertEquals(false, java.util.Arrays.equals(first.authKey(), keys.keys(usm, new byte[] {1, 2, 3, 4, 5}).authKey()));
    }
}
