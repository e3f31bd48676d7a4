package org.printscout.snmp.internal.profile;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.printscout.api.snmp.AuthProtocol;
import org.printscout.api.snmp.Credential;
import org.printscout.api.snmp.CredentialProfile;
import org.printscout.api.snmp.PrivProtocol;
import org.printscout.api.snmp.SecurityLevel;
import org.printscout.api.snmp.SnmpVersion;
import org.printscout.snmp.internal.ConfigValues;
import org.printscout.snmp.internal.ProfileDefaults;

/**
 * One credential configuration, checked. Zero or negative request settings mean "the service
 * default", resolved when a profile is looked up so a change of the defaults applies at once.
 */
record ProfileEntry(String id, String profile, int order, Credential credential, int timeoutMillis, int retries,
                    int maxVarbinds, int maxRepetitions) {

    static final String FACTORY_PID = "org.printscout.snmp.profile";
    /** USM user names are SnmpAdminString (SIZE(1..32)), RFC 3414. */
    private static final int MAX_USER_LENGTH = 32;

    /** A checked entry, or the reasons it was refused (one per bad key). */
    record Parsed(ProfileEntry entry, List<String> problems) {
    }

    static Parsed parse(Map<String, ?> properties) {
        Object pid = properties.get("service.pid");
        String id = pid == null ? "(no pid)" : pid.toString();
        ConfigValues config = new ConfigValues(FACTORY_PID + " '" + id + "'", properties);

        String profile = config.string("name", "default");
        if (profile.isEmpty()) {
            config.problem("name", "must not be empty");
        }
        int order = config.integer("order", 0, -1_000_000, 1_000_000);
        int timeoutMillis = config.integer("timeoutMillis", 0, 0, 60_000);
        int retries = config.integer("retries", -1, -1, 10);
        int maxVarbinds = config.integer("maxVarbinds", 0, 0, 1000);
        int maxRepetitions = config.integer("maxRepetitions", 0, 0, 1000);
        Credential credential = credential(config);
        if (!config.problems().isEmpty()) {
            return new Parsed(null, config.problems());
        }
        return new Parsed(new ProfileEntry(id, profile, order, credential, timeoutMillis, retries, maxVarbinds,
                maxRepetitions), List.of());
    }

    private static Credential credential(ConfigValues config) {
        SnmpVersion version;
        try {
            version = SnmpVersion.parse(config.string("version", "2c"));
        } catch (IllegalArgumentException e) {
            config.problem("version", e.getMessage());
            return null;
        }
        if (version != SnmpVersion.V3) {
            String community = config.secret("community", "public");
            if (community.isEmpty()) {
                config.problem("community", "must not be empty for SNMP v" + version.netSnmpName());
                return null;
            }
            return new Credential.Community(version, community);
        }
        String user = config.string("user", "");
        if (user.isEmpty() || user.length() > MAX_USER_LENGTH) {
            config.problem("user", "an SNMPv3 user name has 1 to " + MAX_USER_LENGTH + " characters");
        }
        SecurityLevel level = parse(config, "level", "authPriv", SecurityLevel::parse);
        AuthProtocol auth = null;
        String authPassphrase = null;
        PrivProtocol priv = null;
        String privPassphrase = null;
        if (level != null && level != SecurityLevel.NO_AUTH_NO_PRIV) {
            auth = parse(config, "authProtocol", "SHA", AuthProtocol::parse);
            authPassphrase = passphrase(config, "authPassphrase");
        }
        if (level == SecurityLevel.AUTH_PRIV) {
            priv = parse(config, "privProtocol", "AES", PrivProtocol::parse);
            privPassphrase = passphrase(config, "privPassphrase");
        }
        if (!config.problems().isEmpty()) {
            return null;
        }
        return new Credential.Usm(user, level, auth, authPassphrase, priv, privPassphrase, config.string("context", ""));
    }

    private static <T> T parse(ConfigValues config, String key, String fallback, java.util.function.Function<String, T> parser) {
        try {
            return parser.apply(config.string(key, fallback));
        } catch (IllegalArgumentException e) {
            config.problem(key, e.getMessage());
            return null;
        }
    }

    private static String passphrase(ConfigValues config, String key) {
        String value = config.secret(key, "");
        if (value.length() < 8) {
            config.problem(key, value.isEmpty() ? "is required for this security level" : "must have at least 8 characters");
        }
        return value;
    }

    CredentialProfile.Entry resolve(ProfileDefaults defaults) {
        return new CredentialProfile.Entry(id, order, credential,
                Duration.ofMillis(timeoutMillis > 0 ? timeoutMillis : defaults.timeoutMillis()),
                retries >= 0 ? retries : defaults.retries(),
                maxVarbinds > 0 ? maxVarbinds : defaults.maxVarbinds(),
                maxRepetitions > 0 ? maxRepetitions : defaults.maxRepetitions());
    }
}
