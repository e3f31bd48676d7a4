package org.printscout.mib.testing;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.printscout.api.mapper.DeviceFacts;
import org.printscout.api.mapper.Mapper;
import org.printscout.api.mapper.OidPlan;
import org.printscout.api.model.DeviceReading;
import org.printscout.api.snmp.Oid;
import org.printscout.api.snmp.Snapshot;
import org.printscout.api.snmp.SnmpType;
import org.printscout.api.snmp.SnmpValue;

/**
 * What every vendor mapper must do, whatever its vendor; a vendor bundle's test extends this and
 * adds its field-by-field assertions:
 * <ul>
 *   <li>it registers under its vendor's name at rank 100;</li>
 *   <li>it claims exactly its vendor's recordings (see {@link RecordingVendors}) and none of the
 *       non-printers;</li>
 *   <li>on every recording, its own or not, it maps without throwing, and reads nothing but what its
 *       plan declares: the reading from the snapshot cut down to the plan equals the one from the
 *       whole recording;</li>
 *   <li>it survives odd data: every OID it declares answered with the wrong type, a negative number,
 *       binary octets or an over-long text.</li>
 * </ul>
 */
public abstract class VendorMapperContract {

    /** A new instance of the mapper under test. */
    protected abstract Mapper mapper();

    /** The name it registers under (its {@code @MapperClaims(name)}). */
    protected abstract String vendor();

    protected static Stream<Path> everyRecording() {
        return Recordings.all();
    }

    @Test
    void registersUnderItsVendorNameAtRank100() {
        ComponentClaims claims = ComponentClaims.of(mapper().getClass());
        assertEquals(vendor(), claims.name());
        assertEquals(100, claims.rank());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("everyRecording")
    void claimsExactlyItsVendorsRecordings(Path recording) {
        Recordings.Recording loaded = Recordings.load(recording);
        boolean expected = !Recordings.isNegative(recording)
                && RecordingVendors.vendorOf(loaded.name()).equals(Optional.of(vendor()));
        ComponentClaims claims = ComponentClaims.of(mapper().getClass());
        assertEquals(expected, claims.claims(mapper(), loaded.facts()),
                () -> loaded.name() + " (" + loaded.facts() + ")");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("everyRecording")
    void readsNothingButItsPlan(Path recording) {
        Snapshot full = Recordings.load(recording).snapshot();
        Mapper mapper = mapper();
        OidPlan plan = mapper.plan(Recordings.facts(full));
        DeviceReading fromFull = assertDoesNotThrow(() -> Readings.map(mapper, full));
        DeviceReading fromPlan = Readings.map(mapper, Recordings.restrictedTo(full, plan));
        assertEquals(fromFull, fromPlan, "map() read an OID its plan does not declare");
    }

    @Test
    void survivesOddValuesInEveryOidItDeclares() {
        Mapper mapper = mapper();
        OidPlan plan = mapper.plan(new DeviceFacts(null, ""));
        List<SnmpValue> oddities = List.of(SnmpValue.integer(-5), SnmpValue.number(SnmpType.COUNTER64, Long.MIN_VALUE),
                SnmpValue.octets(new byte[] {0, 1, 2, (byte) 0xff}), SnmpValue.text("x".repeat(5000)),
                SnmpValue.text("4142434445464748"), SnmpValue.objectId(Oid.parse("1.3.6")), SnmpValue.text(""),
                SnmpValue.ipAddress(new byte[] {1, 2, 3, 4}));
        for (SnmpValue odd : oddities) {
            Map<Oid, SnmpValue> values = new TreeMap<>();
            for (Oid scalar : plan.scalars()) {
                values.put(scalar, odd);
            }
            for (Oid column : plan.columns()) {
                values.put(column.append(1), odd);
                values.put(column.append(1, 1), odd);
                values.put(column.append(2, 1, 3), odd);
            }
            Snapshot snapshot = Snapshot.of(values);
            assertDoesNotThrow(() -> Readings.map(mapper, snapshot), () -> "with every value " + odd);
        }
    }

    @Test
    void declaresAtLeastOneOid() {
        OidPlan plan = mapper().plan(new DeviceFacts(null, ""));
        List<Oid> roots = new ArrayList<>(plan.scalars());
        roots.addAll(plan.columns());
        assertTrue(!roots.isEmpty());
    }
}
