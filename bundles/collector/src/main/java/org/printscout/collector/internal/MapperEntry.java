package org.printscout.collector.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

import org.printscout.api.mapper.DeviceFacts;
import org.printscout.api.mapper.Mapper;
import org.printscout.api.mapper.MapperClaims;
import org.printscout.api.snmp.Oid;

/**
 * A registered mapper with its claims read from its service properties once, at registration.
 */
record MapperEntry(Mapper mapper, String name, int rank, long serviceId, String bundle, int[] enterprises,
                   List<Oid> sysObjectIdPrefixes, List<Pattern> sysDescrPatterns) {

    /** Reads the claims; a malformed claim makes the whole mapper unusable rather than universal. */
    static MapperEntry of(Mapper mapper, Map<String, Object> props) {
        Object nameProp = props.get(MapperClaims.NAME);
        long serviceId = ((Number) props.getOrDefault("service.id", 0L)).longValue();
        String bundle = String.valueOf(props.getOrDefault("service.bundleid", "?"));
        String name = nameProp == null ? mapper.getClass().getName() : nameProp.toString();
        int rank;
        try {
            rank = integer(props.getOrDefault(MapperClaims.RANK, 0));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("mapper '" + name + "': " + MapperClaims.RANK + " is not a number");
        }
        List<Integer> enterprises = new ArrayList<>();
        for (String v : strings(props.get(MapperClaims.ENTERPRISE))) {
            try {
                enterprises.add(Integer.parseInt(v.strip()));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("mapper '" + name + "': enterprise '" + v + "' is not a number");
            }
        }
        List<Oid> prefixes = new ArrayList<>();
        for (String v : strings(props.get(MapperClaims.SYS_OBJECT_ID))) {
            prefixes.add(Oid.parse(v));
        }
        List<Pattern> patterns = new ArrayList<>();
        for (String v : strings(props.get(MapperClaims.SYS_DESCR))) {
            try {
                patterns.add(Pattern.compile(v));
            } catch (PatternSyntaxException e) {
                throw new IllegalArgumentException("mapper '" + name + "': sysDescr pattern '" + v + "' is invalid: "
                        + e.getDescription());
            }
        }
        return new MapperEntry(mapper, name, rank, serviceId, bundle,
                enterprises.stream().mapToInt(Integer::intValue).toArray(), List.copyOf(prefixes), List.copyOf(patterns));
    }

    /** A mapper that claims nothing applies to every device, and is planned before the device is known. */
    boolean universal() {
        return enterprises.length == 0 && sysObjectIdPrefixes.isEmpty() && sysDescrPatterns.isEmpty();
    }

    boolean claims(DeviceFacts facts) {
        if (universal()) {
            return true;
        }
        if (facts.enterprise().isPresent()) {
            int enterprise = facts.enterprise().getAsInt();
            for (int e : enterprises) {
                if (e == enterprise) {
                    return true;
                }
            }
        }
        if (facts.sysObjectId() != null) {
            for (Oid prefix : sysObjectIdPrefixes) {
                if (facts.sysObjectId().startsWith(prefix)) {
                    return true;
                }
            }
        }
        for (Pattern p : sysDescrPatterns) {
            if (p.matcher(facts.sysDescr()).find()) {
                return true;
            }
        }
        return false;
    }

    private static int integer(Object value) {
        return value instanceof Number n ? n.intValue() : Integer.parseInt(value.toString().strip());
    }

    private static List<String> strings(Object value) {
        List<String> out = new ArrayList<>();
        if (value == null) {
            return out;
        }
        if (value instanceof String s) {
            out.add(s);
        } else if (value instanceof String[] a) {
            out.addAll(List.of(a));
        } else if (value instanceof int[] a) {
            for (int i : a) {
                out.add(Integer.toString(i));
            }
        } else if (value instanceof Integer[] a) {
            for (Integer i : a) {
                out.add(i.toString());
            }
        } else if (value instanceof Iterable<?> it) {
            it.forEach(v -> out.add(String.valueOf(v)));
        } else {
            out.add(value.toString());
        }
        return out;
    }
}
