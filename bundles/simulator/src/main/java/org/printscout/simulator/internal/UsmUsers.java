package org.printscout.simulator.internal;

import java.util.List;

import org.printscout.api.snmp.AuthProtocol;
import org.printscout.api.snmp.Credential;
import org.printscout.api.snmp.PrivProtocol;
import org.printscout.api.snmp.SecurityLevel;
import org.snmp4j.security.AuthHMAC128SHA224;
import org.snmp4j.security.AuthHMAC192SHA256;
import org.snmp4j.security.AuthHMAC256SHA384;
import org.snmp4j.security.AuthHMAC384SHA512;
import org.snmp4j.security.AuthMD5;
import org.snmp4j.security.AuthSHA;
import org.snmp4j.security.Priv3DES;
import org.snmp4j.security.PrivAES128;
import org.snmp4j.security.PrivAES192;
import org.snmp4j.security.PrivAES256;
import org.snmp4j.security.PrivDES;
import org.snmp4j.security.SecurityProtocols;
import org.snmp4j.security.UsmUser;
import org.snmp4j.security.nonstandard.PrivAES192With3DESKeyExtension;
import org.snmp4j.security.nonstandard.PrivAES256With3DESKeyExtension;
import org.snmp4j.smi.OID;
import org.snmp4j.smi.OctetString;

/** SNMPv3 users and the security protocols the simulated devices offer. */
final class UsmUsers {

    private UsmUsers() {
    }

    /**
     * Every protocol SNMP4J has, in a set of the simulator's own rather than SNMP4J's process-wide
     * default (which other code in the JVM may change). SNMP4J's {@code any} set lacks 3DES, so it
     * is added.
     */
    static SecurityProtocols allProtocols() {
        SecurityProtocols protocols = new SecurityProtocols(SecurityProtocols.SecurityProtocolSet.any);
        protocols.addPrivacyProtocol(new Priv3DES());
        return protocols;
    }

    static List<UsmUser> toUsmUsers(List<Credential.Usm> users) {
        return users.stream().map(UsmUsers::toUsmUser).toList();
    }

    static UsmUser toUsmUser(Credential.Usm user) {
        OctetString name = new OctetString(user.user());
        if (user.level() == SecurityLevel.NO_AUTH_NO_PRIV) {
            return new UsmUser(name, null, null, null, null);
        }
        OID auth = authProtocol(user.authProtocol());
        OctetString authPassphrase = new OctetString(user.authPassphrase());
        if (user.level() == SecurityLevel.AUTH_NO_PRIV) {
            return new UsmUser(name, auth, authPassphrase, null, null);
        }
        return new UsmUser(name, auth, authPassphrase, privProtocol(user.privProtocol()),
                new OctetString(user.privPassphrase()));
    }

    static OID authProtocol(AuthProtocol protocol) {
        switch (protocol) {
            case MD5:
                return AuthMD5.ID;
            case SHA1:
                return AuthSHA.ID;
            case SHA224:
                return AuthHMAC128SHA224.ID;
            case SHA256:
                return AuthHMAC192SHA256.ID;
            case SHA384:
                return AuthHMAC256SHA384.ID;
            case SHA512:
                return AuthHMAC384SHA512.ID;
            default:
                throw new IllegalArgumentException("unsupported auth protocol " + protocol);
        }
    }

    static OID privProtocol(PrivProtocol protocol) {
        switch (protocol) {
            case DES:
                return PrivDES.ID;
            case TRIPLE_DES:
                return Priv3DES.ID;
            case AES128:
                return PrivAES128.ID;
            case AES192:
                return PrivAES192.ID;
            case AES256:
                return PrivAES256.ID;
            case AES192_3DES_KEY:
                return PrivAES192With3DESKeyExtension.ID;
            case AES256_3DES_KEY:
                return PrivAES256With3DESKeyExtension.ID;
            default:
                throw new IllegalArgumentException("unsupported privacy protocol " + protocol);
        }
    }

    /**
     * Parses {@code NAME}, {@code NAME:AUTH:AUTHPASS} or {@code NAME:AUTH:AUTHPASS:PRIV:PRIVPASS}
     * (protocol names as net-snmp spells them, e.g. {@code simulator:MD5:auctoritas:DES:privatus});
     * pass phrases cannot contain ':'.
     */
    static Credential.Usm parse(String spec) {
        String[] parts = spec.strip().split(":", -1);
        switch (parts.length) {
            case 1:
                return new Credential.Usm(parts[0], SecurityLevel.NO_AUTH_NO_PRIV, null, null, null, null, "");
            case 3:
                return new Credential.Usm(parts[0], SecurityLevel.AUTH_NO_PRIV, AuthProtocol.parse(parts[1]), parts[2],
                        null, null, "");
            case 5:
                return new Credential.Usm(parts[0], SecurityLevel.AUTH_PRIV, AuthProtocol.parse(parts[1]), parts[2],
                        PrivProtocol.parse(parts[3]), parts[4], "");
            default:
                throw new IllegalArgumentException("a v3 user is NAME, NAME:AUTH:AUTHPASS or NAME:AUTH:AUTHPASS:PRIV:PRIVPASS");
        }
    }
}
