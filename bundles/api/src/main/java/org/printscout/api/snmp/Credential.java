package org.printscout.api.snmp;

import java.util.Objects;

/**
 * How to authenticate to a device. Implementations never print their secrets: {@code toString()}
 * masks community strings and passphrases so a credential can be logged safely.
 */
public sealed interface Credential permits Credential.Community, Credential.Usm {

    SnmpVersion version();

    /** SNMPv1 or v2c community. */
    record Community(SnmpVersion version, String community) implements Credential {
        public Community {
            Objects.requireNonNull(community, "community");
            if (version == SnmpVersion.V3) {
                throw new IllegalArgumentException("a community credential is for SNMPv1 or v2c");
            }
        }

        @Override
        public String toString() {
            return "Community[" + version.netSnmpName() + ", community=***]";
        }
    }

    /**
     * SNMPv3 user-based security. Passphrases may be null when the security level does not need them.
     */
    record Usm(String user, SecurityLevel level, AuthProtocol authProtocol, String authPassphrase,
               PrivProtocol privProtocol, String privPassphrase, String contextName) implements Credential {
        public Usm {
            Objects.requireNonNull(user, "user");
            Objects.requireNonNull(level, "level");
            if (level != SecurityLevel.NO_AUTH_NO_PRIV) {
                Objects.requireNonNull(authProtocol, "authProtocol (needed for " + level.netSnmpName() + ")");
                if (authPassphrase == null || authPassphrase.length() < 8) {
                    throw new IllegalArgumentException("the auth passphrase of user '" + user + "' must have at least 8 characters");
                }
            }
            if (level == SecurityLevel.AUTH_PRIV) {
                Objects.requireNonNull(privProtocol, "privProtocol (needed for authPriv)");
                if (privPassphrase == null || privPassphrase.length() < 8) {
                    throw new IllegalArgumentException("the privacy passphrase of user '" + user + "' must have at least 8 characters");
                }
            }
            contextName = contextName == null ? "" : contextName;
        }

        @Override
        public SnmpVersion version() {
            return SnmpVersion.V3;
        }

        @Override
        public String toString() {
            return "Usm[user=" + user + ", " + level.netSnmpName()
                    + (authProtocol == null ? "" : ", auth=" + authProtocol.displayName())
                    + (privProtocol == null || level != SecurityLevel.AUTH_PRIV ? "" : ", priv=" + privProtocol.displayName())
                    + (contextName.isEmpty() ? "" : ", context=" + contextName) + "]";
        }
    }
}
