package org.printscout.discovery.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

import org.printscout.api.mapper.DeviceFacts;
import org.printscout.api.mapper.MapperClaims;
import org.printscout.api.snmp.Oid;

/**
 * What one vendor mapper claims, read from its service properties: a device it claims counts as a
 * printer unless a recognizer knows better. Mappers that claim nothing (the standard one) are not
 * evidence of anything and are not kept.
 */
record VendorClaims(String name, List<Integer> enterprises, List<Oid> sysObjectIds, List<Pattern> sysDescrs) {

    /** The claims, or null for a mapper that claims nothing. Malformed claims are ignored one by one. */
    static VendorClaims of(Map<String, Object> props) {
        String name = String.valueOf(props.getOrDefault(MapperClaims.NAME, "?"));
        List<Integer> enterprises = new ArrayList<>();
        for (String v : strings(props.get(MapperClaims.ENTERPRISE))) {
            try {
                enterprises.add(Integer.parseInt(v.strip()));
            } catch (NumberFormatException e) {
                // the collector reports malformed claims; discovery simply does not rely on them
            }
        }
        List<Oid> oids = new ArrayList<>();
        for (String v : strings(props.get(MapperClaims.SYS_OBJECT_ID))) {
            try {
                oids.add(Oid.parse(v.strip()));
            } catch (IllegalArgumentException e) {
                // as above
            }
        }
        List<Pattern> patterns = new ArrayList<>();
        for (String v : strings(props.get(MapperClaims.SYS_DESCR))) {
            try {
                patterns.add(Pattern.compile(v));
            } catch (PatternSyntaxException e) {
                // as above
            }
        }
        if (enterprises.isEmpty() && oids.isEmpty() && patterns.isEmpty()) {
            return null;
        }
        return new VendorClaims(name, List.copyOf(enterprises), List.copyOf(oids), List.copyOf(patterns));
    }

    boolean claims(DeviceFacts facts) {
        if (facts.enterprise().isPresent() && enterprises.contains(facts.enterprise().getAsInt())) {
            return true;
        }
        if (facts.sysObjectId() != null && sysObjectIds.stream().anyMatch(facts.sysObjectId()::startsWith)) {
            return true;
        }
        return sysDescrs.stream().anyMatch(p -> p.matcher(facts.sysDescr()).find());
    }

    private static List<String> strings(Object value) {
        List<String> out = new ArrayList<>();
        if (value == null) {
            return out;
        }
        if (value instanceof String[] a) {
            out.addAll(List.of(a));
        } else if (value instanceof int[] a) {
            for (int i : a) {
                out.add(Integer.toString(i));
            }
        } else if (value instanceof Integer[] a) {
            for (Integer i : a) {
                out.add(String.valueOf(i));
            }
        } else if (value instanceof Iterable<?> it) {
            it.forEach(v -> out.add(String.valueOf(v)));
        } else {
            out.add(value.toString());
        }
        return out;
    }
}
