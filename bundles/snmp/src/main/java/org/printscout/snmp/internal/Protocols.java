package org.printscout.snmp.internal;

import org.printscout.api.snmp.AuthProtocol;
import org.printscout.api.snmp.PrivProtocol;
import org.snmp4j.security.AuthHMAC128SHA224;
import org.snmp4j.security.AuthHMAC192SHA256;
import org.snmp4j.security.AuthHMAC256SHA384;
import org.snmp4j.security.AuthHMAC384SHA512;
import org.snmp4j.security.AuthMD5;
import org.snmp4j.security.AuthSHA;
import org.snmp4j.security.AuthenticationProtocol;
import org.snmp4j.security.Priv3DES;
import org.snmp4j.security.PrivAES128;
import org.snmp4j.security.PrivAES192;
import org.snmp4j.security.PrivAES256;
import org.snmp4j.security.PrivDES;
import org.snmp4j.security.PrivacyProtocol;
import org.snmp4j.security.SecurityProtocols;
import org.snmp4j.security.nonstandard.PrivAES192With3DESKeyExtension;
import org.snmp4j.security.nonstandard.PrivAES256With3DESKeyExtension;

/**
 * The USM algorithms of one session, as SNMP4J instances.
 *
 * <p>SNMP4J's own default set ({@code SecurityProtocols.getInstance().addDefaultProtocols()}) leaves
 * out MD5 and SHA-1 and the 3DES-style AES variants, and it is a JVM-wide singleton; printers still
 * speak MD5/SHA-1 and Cisco-style AES-256, so the session builds its own complete set.
 *
 * <p>Which class is which AES-192/256: SNMP4J's {@code PrivAES192}/{@code PrivAES256} extend a short
 * localized key by appending {@code H(key)} (draft-blumenthal-aes-usm-04, net-snmp's AES-192/AES-256),
 * while {@code PrivAES*With3DESKeyExtension} derive the extra bytes by running password-to-key over
 * the localized key (draft-reeder-snmpv3-usm-3desede, the "AES-256C" of Cisco and snmpsim).
 */
final class Protocols {

    private final SecurityProtocols set;
    private final AuthenticationProtocol md5 = new AuthMD5();
    private final AuthenticationProtocol sha1 = new AuthSHA();
    private final AuthenticationProtocol sha224 = new AuthHMAC128SHA224();
    private final AuthenticationProtocol sha256 = new AuthHMAC192SHA256();
    private final AuthenticationProtocol sha384 = new AuthHMAC256SHA384();
    private final AuthenticationProtocol sha512 = new AuthHMAC384SHA512();
    private final PrivacyProtocol des = new PrivDES();
    private final PrivacyProtocol tripleDes = new Priv3DES();
    private final PrivacyProtocol aes128 = new PrivAES128();
    private final PrivacyProtocol aes192 = new PrivAES192();
    private final PrivacyProtocol aes256 = new PrivAES256();
    private final PrivacyProtocol aes192c = new PrivAES192With3DESKeyExtension();
    private final PrivacyProtocol aes256c = new PrivAES256With3DESKeyExtension();

    Protocols() {
        set = new SecurityProtocols(SecurityProtocols.SecurityProtocolSet.none);
        for (AuthenticationProtocol a : new AuthenticationProtocol[] {md5, sha1, sha224, sha256, sha384, sha512}) {
            set.addAuthenticationProtocol(a);
        }
        for (PrivacyProtocol p : new PrivacyProtocol[] {des, tripleDes, aes128, aes192, aes256, aes192c, aes256c}) {
            set.addPrivacyProtocol(p);
        }
    }

    SecurityProtocols securityProtocols() {
        return set;
    }

    AuthenticationProtocol auth(AuthProtocol protocol) {
        return switch (protocol) {
            case MD5 -> md5;
            case SHA1 -> sha1;
            case SHA224 -> sha224;
            case SHA256 -> sha256;
            case SHA384 -> sha384;
            case SHA512 -> sha512;
        };
    }

    PrivacyProtocol priv(PrivProtocol protocol) {
        return switch (protocol) {
            case DES -> des;
            case TRIPLE_DES -> tripleDes;
            case AES128 -> aes128;
            case AES192 -> aes192;
            case AES256 -> aes256;
            case AES192_3DES_KEY -> aes192c;
            case AES256_3DES_KEY -> aes256c;
        };
    }
}
