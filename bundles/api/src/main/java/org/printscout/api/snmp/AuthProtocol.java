package org.printscout.api.snmp;

import java.util.Locale;

/** SNMPv3 USM authentication protocols, with the names net-snmp's {@code -a} option accepts. */
public enum AuthProtocol {
    MD5("MD5"),
    SHA1("SHA"),
    SHA224("SHA-224"),
    SHA256("SHA-256"),
    SHA384("SHA-384"),
    SHA512("SHA-512");

    private final String displayName;

    AuthProtocol(String displayName) {
        this.displayName = displayName;
    }

    public String displayName() {
        return displayName;
    }

    /** Accepts net-snmp spellings ({@code SHA}, {@code SHA-256}) and enum names ({@code SHA256}). */
    public static AuthProtocol parse(String text) {
        String key = text.strip().toUpperCase(Locale.ROOT).replace("-", "").replace("_", "");
        switch (key) {
            case "MD5":
                return MD5;
            case "SHA":
            case "SHA1":
                return SHA1;
            case "SHA224":
                return SHA224;
            case "SHA256":
                return SHA256;
            case "SHA384":
                return SHA384;
            case "SHA512":
                return SHA512;
            default:
                throw new IllegalArgumentException("unknown auth protocol '" + text
                        + "' (use MD5, SHA, SHA-224, SHA-256, SHA-384 or SHA-512)");
        }
    }
}
