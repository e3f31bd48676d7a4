package org.printscout.snmp.internal.profile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.printscout.api.snmp.AuthProtocol;
import org.printscout.api.snmp.Credential;
import org.printscout.api.snmp.CredentialProfile;
import org.printscout.api.snmp.PrivProtocol;
import org.printscout.api.snmp.SecurityLevel;
import org.printscout.api.snmp.SnmpTarget;
import org.printscout.api.snmp.SnmpVersion;
import org.printscout.snmp.internal.TestLog;

class CredentialProfilesTest {

    private static int next;

    private static Map<String, Object> config(Object... keysAndValues) {
        Map<String, Object> map = new HashMap<>();
        map.put("service.pid", "org.printscout.snmp.profile~" + (++next));
        for (int i = 0; i < keysAndValues.length; i += 2) {
            map.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return map;
    }

    private static ProfileEntryComponent entry(TestLog log, Map<String, Object> config) {
        return new ProfileEntryComponent(log.logger(), config);
    }

    @Test
    void credentialsOfAProfileComeInOrderWithTheServiceDefaults() {
        TestLog log = new TestLog();
        ProfileEntryComponent v3 = entry(log, config("name", "office", "order", 10, "version", "3", "user", "scout",
                "level", "authPriv", "authProtocol", "SHA-512", "authPassphrase", "auth-secret-1",
                "privProtocol", "AES-256C", "privPassphrase", "priv-secret-1", "timeoutMillis", "3000", "retries", 0));
        ProfileEntryComponent v2c = entry(log, config("name", "office", "order", 20, "community", "s3cret-community"));
        ProfileEntryComponent v1 = entry(log, config("name", "office", "order", "5", "version", "1", "community", "public"));
        ProfileEntryComponent other = entry(log, config("name", "branch", "community", "public"));

        CredentialProfilesComponent profiles = new CredentialProfilesComponent(Map.of("defaultTimeoutMillis", 700,
                "defaultRetries", 2, "defaultMaxVarbinds", 30, "defaultMaxRepetitions", 10));
        profiles.credentials = List.of(v2c, other, v3, v1);

        assertEquals(List.of("branch", "office"), profiles.profiles().stream().map(CredentialProfile::name).toList());
        CredentialProfile office = profiles.profile("office").orElseThrow();
        List<CredentialProfile.Entry> entries = office.entries();
        assertEquals(List.of(5, 10, 20), entries.stream().map(CredentialProfile.Entry::order).toList());
        assertEquals(new Credential.Community(SnmpVersion.V1, "public"), entries.get(0).credential());
        assertEquals(new Credential.Usm("scout", SecurityLevel.AUTH_PRIV, AuthProtocol.SHA512, "auth-secret-1",
                PrivProtocol.AES256_3DES_KEY, "priv-secret-1", ""), entries.get(1).credential());
        assertEquals(Duration.ofMillis(3000), entries.get(1).timeout());
        assertEquals(0, entries.get(1).retries());
        assertEquals(Duration.ofMillis(700), entries.get(0).timeout());
        assertEquals(2, entries.get(0).retries());

        SnmpTarget target = entries.get(2).target(new InetSocketAddress(InetAddress.getLoopbackAddress(), 161));
        assertEquals(30, target.maxVarbindsPerRequest());
        assertEquals(10, target.maxRepetitions());
        assertEquals(3, office.targets(target.address()).size());
        assertTrue(profiles.profile("nowhere").isEmpty());

        String logged = log.all();
        assertFalse(logged.contains("secret"), logged);
        assertTrue(logged.contains("profile 'office'"), logged);
    }

    @Test
    void badValuesRefuseTheCredentialNamingEachKeyAndNoSecret() {
        TestLog log = new TestLog();
        ProfileEntryComponent bad = entry(log, config("name", "office", "version", "3", "user", "scout",
                "level", "authPriv", "authProtocol", "SHA-999", "authPassphrase", "short",
                "privProtocol", "AES-256", "privPassphrase", "", "retries", "lots", "order", 3));
        ProfileEntryComponent badVersion = entry(log, config("version", "4", "community", "hidden-community"));
        ProfileEntryComponent emptyCommunity = entry(log, config("version", "2c", "community", ""));
        ProfileEntryComponent good = entry(log, config("name", "office", "community", "hidden-community"));

        CredentialProfilesComponent profiles = new CredentialProfilesComponent(Map.of());
        profiles.credentials = List.of(bad, badVersion, emptyCommunity, good);
        CredentialProfile office = profiles.profile("office").orElseThrow();
        assertEquals(1, office.entries().size(), "the good credential keeps working");
        assertEquals(Duration.ofMillis(1000), office.entries().get(0).timeout());
        assertInstanceOf(Credential.Community.class, office.entries().get(0).credential());
        assertTrue(profiles.profile("default").isEmpty());

        String logged = log.all();
        for (String key : List.of("'authProtocol'", "'authPassphrase'", "'privPassphrase'", "'retries'", "'version'",
                "'community'")) {
            assertTrue(logged.contains("key " + key), key + " in\n" + logged);
        }
        assertTrue(logged.contains("ERROR org.printscout.snmp.profile 'org.printscout.snmp.profile~"), logged);
        assertFalse(logged.contains("short") || logged.contains("hidden-community"), logged);
    }

    @Test
    void aCommunityLeftOutIsPublicAsTheMetatypeSays() {
        ProfileEntry.Parsed parsed = ProfileEntry.parse(config("version", "1"));
        assertEquals(new Credential.Community(SnmpVersion.V1, "public"), parsed.entry().credential());
    }

    @Test
    void noAuthNoPrivNeedsOnlyAUser() {
        ProfileEntry.Parsed parsed = ProfileEntry.parse(config("version", "3", "user", "guest", "level", "noAuthNoPriv"));
        assertTrue(parsed.problems().isEmpty(), parsed.problems().toString());
        Credential.Usm usm = (Credential.Usm) parsed.entry().credential();
        assertEquals(SecurityLevel.NO_AUTH_NO_PRIV, usm.level());

        ProfileEntry.Parsed noUser = ProfileEntry.parse(config("version", "3", "level", "noAuthNoPriv"));
        assertEquals(1, noUser.problems().size());
        assertTrue(noUser.problems().get(0).contains("key 'user'"));
    }
}
