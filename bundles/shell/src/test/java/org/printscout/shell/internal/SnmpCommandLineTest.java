package org.printscout.shell.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetSocketAddress;

import org.junit.jupiter.api.Test;
import org.printscout.api.snmp.AuthProtocol;
import org.printscout.api.snmp.Credential;
import org.printscout.api.snmp.PrivProtocol;
import org.printscout.api.snmp.SecurityLevel;
import org.printscout.api.snmp.SnmpTarget;
import org.printscout.api.snmp.SnmpVersion;

class SnmpCommandLineTest {

    @Test
    void netSnmpSpellingsAttachedAndSeparate() {
        SnmpCommandLine cl = SnmpCommandLine.parse("-v2c", "-c", "s3cret", "127.0.0.1:16100", "-t", "0.5", "-r0", "--json");
        Credential.Community c = (Credential.Community) cl.credential();
        assertEquals(SnmpVersion.V2C, c.version());
        assertEquals("s3cret", c.community());
        assertTrue(cl.json);
        SnmpTarget t = cl.tune(SnmpTarget.of(SnmpCommandLine.address(cl.positional.get(0)), c));
        assertEquals(500, t.timeout().toMillis());
        assertEquals(0, t.retries());
        assertEquals(16100, t.address().getPort());
    }

    @Test
    void v3OptionsBuildAUsmCredentialWithBothAesVariants() {
        Credential.Usm u = (Credential.Usm) SnmpCommandLine.parse("-v", "3", "-u", "admin", "-l", "authPriv", "-a", "SHA-512",
                "-A", "authpass1", "-x", "AES-256C", "-X", "privpass1", "-n", "ctx", "host").credential();
        assertEquals(SecurityLevel.AUTH_PRIV, u.level());
        assertEquals(AuthProtocol.SHA512, u.authProtocol());
        assertEquals(PrivProtocol.AES256_3DES_KEY, u.privProtocol());
        assertEquals("ctx", u.contextName());
        assertEquals(PrivProtocol.AES256, ((Credential.Usm) SnmpCommandLine.parse("-u", "a", "-A", "authpass1", "-x", "AES-256",
                "-X", "privpass1", "h").credential()).privProtocol());
        assertFalse(u.toString().contains("authpass1") || u.toString().contains("privpass1"), u.toString());
    }

    @Test
    void addressesInEveryFormAnAdministratorTypes() {
        assertEquals(new InetSocketAddress("127.0.0.1", 161), SnmpCommandLine.address("127.0.0.1"));
        assertEquals(new InetSocketAddress("127.0.0.1", 1161), SnmpCommandLine.address("udp:127.0.0.1:1161"));
        assertEquals(new InetSocketAddress("::1", 1161), SnmpCommandLine.address("[::1]:1161"));
        assertEquals(new InetSocketAddress("::1", 161), SnmpCommandLine.address("udp6:[::1]"));
        assertEquals(new InetSocketAddress("::1", 161), SnmpCommandLine.address("::1"));
        assertThrows(IllegalArgumentException.class, () -> SnmpCommandLine.address("127.0.0.1:99999"));
    }

    @Test
    void mistakesAreNamedWithoutRepeatingSecrets() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> SnmpCommandLine.parse("-u", "admin", "-l", "authPriv", "-A", "short", "h").credential());
        assertFalse(e.getMessage().contains("short"), e.getMessage());
        assertTrue(e.getMessage().contains("auth passphrase"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> SnmpCommandLine.parse("-q", "h"));
        assertThrows(IllegalArgumentException.class, () -> SnmpCommandLine.parse("-v", "4", "h").credential());
        assertTrue(assertThrows(IllegalArgumentException.class, () -> SnmpCommandLine.parse("h", "-c"))
                .getMessage().contains("-c needs a value"));
    }
}
