package org.printscout.mib.declarative.internal;

import java.util.Locale;

/** How the raw SNMP value is turned into text before the regex and the number parsing. */
enum Decode {
    /** Display text (UTF-8 or Latin-1, control characters dropped); numbers in decimal. */
    TEXT("text"),
    /** The octets as upper-case hex digits: binary identifiers. */
    HEX("hex"),
    /** The value's text is hex digits (spaces, colons allowed) that encode text: devices that hex-dump their strings. */
    HEX_TEXT("hexText"),
    /** A MAC address: six octets, or twelve hex digits in text, as AA:BB:CC:DD:EE:FF. */
    MAC("mac");

    private final String xmlName;

    Decode(String xmlName) {
        this.xmlName = xmlName;
    }

    String xmlName() {
        return xmlName;
    }

    static Decode ofXml(String name) {
        for (Decode d : values()) {
            if (d.xmlName.equals(name)) {
                return d;
            }
        }
        throw new IllegalArgumentException("unknown decode '" + name + "'");
    }

    @Override
    public String toString() {
        return name().toLowerCase(Locale.ROOT);
    }
}
