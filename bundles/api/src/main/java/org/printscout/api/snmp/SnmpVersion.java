package org.printscout.api.snmp;

/** SNMP protocol versions, with the spelling net-snmp's {@code -v} option uses. */
public enum SnmpVersion {
    V1("1"),
    V2C("2c"),
    V3("3");

    private final String netSnmpName;

    SnmpVersion(String netSnmpName) {
        this.netSnmpName = netSnmpName;
    }

    public String netSnmpName() {
        return netSnmpName;
    }

    public static SnmpVersion parse(String text) {
        for (SnmpVersion v : values()) {
            if (v.netSnmpName.equalsIgnoreCase(text) || v.name().equalsIgnoreCase(text)) {
                return v;
            }
        }
        if ("2".equals(text)) {
            return V2C;
        }
        throw new IllegalArgumentException("unknown SNMP version '" + text + "' (use 1, 2c or 3)");
    }
}
