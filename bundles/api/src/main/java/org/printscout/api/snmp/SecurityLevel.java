package org.printscout.api.snmp;

/** SNMPv3 security levels, spelled as net-snmp's {@code -l} option spells them. */
public enum SecurityLevel {
    NO_AUTH_NO_PRIV("noAuthNoPriv"),
    AUTH_NO_PRIV("authNoPriv"),
    AUTH_PRIV("authPriv");

    private final String netSnmpName;

    SecurityLevel(String netSnmpName) {
        this.netSnmpName = netSnmpName;
    }

    public String netSnmpName() {
        return netSnmpName;
    }

    public static SecurityLevel parse(String text) {
        for (SecurityLevel l : values()) {
            if (l.netSnmpName.equalsIgnoreCase(text) || l.name().equalsIgnoreCase(text)) {
                return l;
            }
        }
        throw new IllegalArgumentException("unknown security level '" + text
                + "' (use noAuthNoPriv, authNoPriv or authPriv)");
    }
}
