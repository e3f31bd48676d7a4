package org.printscout.mib.standard.internal;

import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;

import org.printscout.api.snmp.Oid;
import org.printscout.api.snmp.Snapshot;
import org.printscout.api.snmp.SnmpType;
import org.printscout.api.snmp.SnmpValue;

/** Builds small synthetic snapshots for the cases no recording has. */
final class TestSnapshot {

    private final Map<Oid, SnmpValue> values = new TreeMap<>();

    static TestSnapshot with() {
        return new TestSnapshot();
    }

    TestSnapshot text(String oid, String text) {
        values.put(Oid.parse(oid), SnmpValue.text(text));
        return this;
    }

    TestSnapshot hex(String oid, String hex) {
        values.put(Oid.parse(oid), SnmpValue.octets(HexFormat.of().parseHex(hex)));
        return this;
    }

    TestSnapshot integer(String oid, long value) {
        values.put(Oid.parse(oid), SnmpValue.integer(value));
        return this;
    }

    TestSnapshot counter(String oid, long value) {
        values.put(Oid.parse(oid), SnmpValue.number(SnmpType.COUNTER32, value));
        return this;
    }

    TestSnapshot oid(String oid, String value) {
        values.put(Oid.parse(oid), SnmpValue.objectId(Oid.parse(value)));
        return this;
    }

    Snapshot build() {
        return Snapshot.of(values);
    }
}
