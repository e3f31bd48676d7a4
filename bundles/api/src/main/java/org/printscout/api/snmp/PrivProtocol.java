package org.printscout.api.snmp;

import java.util.Locale;

/**
 * SNMPv3 USM privacy protocols. AES-192 and AES-256 exist in two key-localisation variants that do
 * not interoperate: the Blumenthal draft (net-snmp's {@code AES-192}/{@code AES-256}) and the
 * 3DES-style key extension of Cisco-style agents (snmpsim's {@code AES192}/{@code AES256}, often
 * written {@code AES-256C}). Both are offered, under names that say which is which.
 */
public enum PrivProtocol {
    DES("DES"),
    TRIPLE_DES("3DES"),
    AES128("AES"),
    AES192("AES-192"),
    AES256("AES-256"),
    AES192_3DES_KEY("AES-192C"),
    AES256_3DES_KEY("AES-256C");

    private final String displayName;

    PrivProtocol(String displayName) {
        this.displayName = displayName;
    }

    public String displayName() {
        return displayName;
    }

    /**
     * Accepts {@code DES}, {@code 3DES}, {@code AES}/{@code AES-128}, {@code AES-192}, {@code AES-256}
     * (Blumenthal, as net-snmp) and {@code AES-192C}/{@code AES-256C} (3DES-style key extension).
     */
    public static PrivProtocol parse(String text) {
        String key = text.strip().toUpperCase(Locale.ROOT).replace("-", "").replace("_", "");
        switch (key) {
            case "DES":
                return DES;
            case "3DES":
            case "3DESEDE":
            case "DESEDE":
            case "TRIPLEDES":
                return TRIPLE_DES;
            case "AES":
            case "AES128":
                return AES128;
            case "AES192":
            case "AES192BLMT":
                return AES192;
            case "AES256":
            case "AES256BLMT":
                return AES256;
            case "AES192C":
            case "AES1923DESKEY":
                return AES192_3DES_KEY;
            case "AES256C":
            case "AES2563DESKEY":
                return AES256_3DES_KEY;
            default:
                throw new IllegalArgumentException("unknown privacy protocol '" + text
                        + "' (use DES, 3DES, AES, AES-192, AES-256, AES-192C or AES-256C)");
        }
    }
}
