package org.printscout.discovery.internal;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletionStage;

import org.printscout.api.collect.DeviceReader;
import org.printscout.api.model.DeviceIdentity;
import org.printscout.api.model.DeviceReading;
import org.printscout.api.model.DeviceStatus;
import org.printscout.api.snmp.Oid;
import org.printscout.api.snmp.SnmpReader;
import org.printscout.api.snmp.SnmpTarget;
import org.printscout.api.snmp.SnmpValue;
import org.printscout.api.snmp.Snapshot;
import org.printscout.api.snmp.VarBind;

/**
 * A stand-in for the collector in unit tests (its component needs OSGi configuration): reads only
 * the identity, over the network, through the real SNMP reader.
 */
final class IdentityReader implements DeviceReader {

    static final Oid SERIAL = Oid.parse("1.3.6.1.2.1.43.5.1.1.17.1");
    static final Oid MAC = Oid.parse("1.3.6.1.2.1.2.2.1.6");

    private final SnmpReader reader;

    IdentityReader(SnmpReader reader) {
        this.reader = reader;
    }

    @Override
    public CompletionStage<DeviceReading> read(SnmpTarget target) {
        return reader.get(target, List.of(Scanner.SYS_DESCR, Scanner.SYS_OBJECT_ID, SERIAL, MAC.append(1), MAC.append(2))).thenApply(values -> {
            Map<Oid, SnmpValue> map = new TreeMap<>();
            for (VarBind vb : values) {
                map.put(vb.oid(), vb.value());
            }
            Snapshot s = Snapshot.of(map);
            String mac = s.get(MAC.append(1)).or(() -> s.get(MAC.append(2))).map(SnmpValue::asHex).orElse(null);
            return new DeviceReading(new DeviceIdentity(target.address().getAddress().getHostAddress(), mac,
                    s.text(SERIAL).orElse(null), null, null, s.get(Scanner.SYS_OBJECT_ID).flatMap(SnmpValue::asOid).map(Oid::toString).orElse(null),
                    s.text(Scanner.SYS_DESCR).orElse(null), null, null), Instant.now(),
                    new DeviceStatus("running", "idle", List.of(), List.of()), List.of(), List.of(), List.of(), Map.of(), List.of());
        });
    }

    @Override
    public CompletionStage<DeviceReading> replay(Snapshot recording, String address) {
        throw new UnsupportedOperationException();
    }
}
