package org.printscout.mib.declarative.internal;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

import org.printscout.api.mapper.DeviceFacts;
import org.printscout.api.mapper.MapperClaims;
import org.printscout.api.model.MeterUnit;
import org.printscout.api.snmp.Oid;

/**
 * A mapping file, read and checked: which devices it claims and which rules fill the reading.
 *
 * @param name the mapper name (printscout.mapper.name), shown in readings as the source of its fields
 * @param rank printscout.mapper.rank
 * @param formatVersion the file format version (the namespace's last segment)
 * @param source where it was read from, for messages
 */
record Mapping(String name, int rank, int formatVersion, String description, Claims claims,
               List<IdentityRule> identity, List<MeterRule> meters, Optional<SupplyRule> supplies, String source) {

    /** Rank when the file does not say: above the built-in vendor mappers (100), so a dealer's file wins. */
    static final int DEFAULT_RANK = 150;

    Mapping {
        identity = List.copyOf(identity);
        meters = List.copyOf(meters);
    }

    /** The service properties the collector reads the claims from (see {@link MapperClaims}). */
    Map<String, Object> serviceProperties() {
        Map<String, Object> props = new LinkedHashMap<>();
        props.put(MapperClaims.NAME, name);
        props.put(MapperClaims.RANK, rank);
        if (!claims.enterprises().isEmpty()) {
            props.put(MapperClaims.ENTERPRISE, claims.enterprises().toArray(new Integer[0]));
        }
        if (!claims.sysObjectIds().isEmpty()) {
            props.put(MapperClaims.SYS_OBJECT_ID, claims.sysObjectIds().stream().map(Oid::toString).toArray(String[]::new));
        }
        if (!claims.sysDescrs().isEmpty()) {
            props.put(MapperClaims.SYS_DESCR, claims.sysDescrs().toArray(new String[0]));
        }
        return props;
    }

    /** Which devices: any one claim is enough. A mapping always claims something (see MappingReader). */
    record Claims(List<Integer> enterprises, List<Oid> sysObjectIds, List<String> sysDescrs) {
        Claims {
            enterprises = List.copyOf(enterprises);
            sysObjectIds = List.copyOf(sysObjectIds);
            sysDescrs = List.copyOf(sysDescrs);
        }

        /** The collector's rule (MapperEntry): sysObjectID under an enterprise or prefix, or sysDescr found. */
        boolean claims(DeviceFacts device) {
            if (device.enterprise().isPresent() && enterprises.contains(device.enterprise().getAsInt())) {
                return true;
            }
            if (device.sysObjectId() != null && sysObjectIds.stream().anyMatch(device.sysObjectId()::startsWith)) {
                return true;
            }
            return sysDescrs.stream().anyMatch(regex -> Pattern.compile(regex).matcher(device.sysDescr()).find());
        }

        @Override
        public String toString() {
            StringBuilder sb = new StringBuilder();
            enterprises.forEach(e -> sb.append(sb.length() == 0 ? "" : "; ").append("enterprise ").append(e));
            sysObjectIds.forEach(o -> sb.append(sb.length() == 0 ? "" : "; ").append("sysObjectID under ").append(o));
            sysDescrs.forEach(d -> sb.append(sb.length() == 0 ? "" : "; ").append("sysDescr matching /").append(d).append('/'));
            return sb.toString();
        }
    }

    /** An identity field: the first value that yields text, else the default (null when none). */
    record IdentityRule(String field, List<ValueRule> values, String defaultValue, int line) {
        IdentityRule {
            values = List.copyOf(values);
        }
    }

    /**
     * A meter: the first alternative that yields a number. An alternative of several values is their
     * sum, and yields nothing unless every one of them is there: a partial sum would look like a
     * meter that went backwards.
     */
    record MeterRule(String name, MeterUnit unit, List<List<ValueRule>> alternatives, int line) {
        MeterRule {
            alternatives = alternatives.stream().map(List::copyOf).toList();
        }
    }

    /**
     * A vendor supplies table: one supply per row of the description column; levels keep the
     * Printer MIB special values (-1 other, -2 unknown, -3 some remaining).
     */
    record SupplyRule(String type, String unit, ValueRule description, ValueRule level, ValueRule maxCapacity,
                      ValueRule colorant, ValueRule partNumber, int line) {
    }
}
