package org.printscout.api.mapper;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

import org.printscout.api.snmp.Oid;

/**
 * What a mapper claims, parsed from its {@link MapperClaims} service properties, and the one rule for
 * whether a device is claimed: its sysObjectID is under one of the enterprises or OID prefixes, or its
 * sysDescr contains a match of one of the patterns. A malformed claim is an error naming it; every
 * user (collector, discovery, tests) refuses such a mapper rather than guessing what it meant.
 *
 * @since 1.1
 */
public final class Claims {

    private static final Claims NONE = new Claims(List.of(), List.of(), List.of());

    private final List<Integer> enterprises;
    private final List<Oid> sysObjectIds;
    private final List<Pattern> sysDescrs;

    private Claims(List<Integer> enterprises, List<Oid> sysObjectIds, List<Pattern> sysDescrs) {
        this.enterprises = List.copyOf(enterprises);
        this.sysObjectIds = List.copyOf(sysObjectIds);
        this.sysDescrs = List.copyOf(sysDescrs);
    }

    /**
     * The claims in a mapper service's properties ({@link MapperClaims#ENTERPRISE},
     * {@link MapperClaims#SYS_OBJECT_ID}, {@link MapperClaims#SYS_DESCR}); each may be a single value,
     * an array or a collection.
     *
     * @throws IllegalArgumentException naming the first malformed claim
     */
    public static Claims fromProperties(Map<String, ?> properties) {
        return of(strings(properties.get(MapperClaims.ENTERPRISE)), strings(properties.get(MapperClaims.SYS_OBJECT_ID)),
                strings(properties.get(MapperClaims.SYS_DESCR)));
    }

    /**
     * Claims from their text: enterprise numbers, dotted sysObjectID prefixes, sysDescr patterns.
     *
     * @throws IllegalArgumentException naming the first malformed claim
     */
    public static Claims of(Collection<String> enterprises, Collection<String> sysObjectIds, Collection<String> sysDescrs) {
        List<Integer> numbers = new ArrayList<>();
        for (String v : enterprises) {
            try {
                int n = Integer.parseInt(v.strip());
                if (n < 0) {
                    throw new NumberFormatException();
                }
                numbers.add(n);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("enterprise '" + v + "' is not an enterprise number");
            }
        }
        List<Oid> prefixes = new ArrayList<>();
        for (String v : sysObjectIds) {
            try {
                prefixes.add(Oid.parse(v));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("sysObjectId prefix '" + v + "' is not an OID");
            }
        }
        List<Pattern> patterns = new ArrayList<>();
        for (String v : sysDescrs) {
            try {
                patterns.add(Pattern.compile(v));
            } catch (PatternSyntaxException e) {
                throw new IllegalArgumentException("sysDescr pattern '" + v + "' is invalid: " + e.getDescription());
            }
        }
        return numbers.isEmpty() && prefixes.isEmpty() && patterns.isEmpty() ? NONE : new Claims(numbers, prefixes, patterns);
    }

    /** True for a mapper that claims nothing: it applies to every device (the standard mapper). */
    public boolean isEmpty() {
        return this == NONE || enterprises.isEmpty() && sysObjectIds.isEmpty() && sysDescrs.isEmpty();
    }

    /** True when one of the claims matches the device; false for empty claims. */
    public boolean matches(DeviceFacts facts) {
        if (facts.enterprise().isPresent() && enterprises.contains(facts.enterprise().getAsInt())) {
            return true;
        }
        if (facts.sysObjectId() != null && sysObjectIds.stream().anyMatch(facts.sysObjectId()::startsWith)) {
            return true;
        }
        return sysDescrs.stream().anyMatch(p -> p.matcher(facts.sysDescr()).find());
    }

    public List<Integer> enterprises() {
        return enterprises;
    }

    public List<Oid> sysObjectIds() {
        return sysObjectIds;
    }

    public List<Pattern> sysDescrs() {
        return sysDescrs;
    }

    private static List<String> strings(Object value) {
        List<String> out = new ArrayList<>();
        if (value == null) {
            return out;
        }
        if (value instanceof String s) {
            out.add(s);
        } else if (value instanceof Object[] array) {
            for (Object o : array) {
                out.add(String.valueOf(o));
            }
        } else if (value instanceof int[] array) {
            for (int i : array) {
                out.add(Integer.toString(i));
            }
        } else if (value instanceof Iterable<?> it) {
            it.forEach(v -> out.add(String.valueOf(v)));
        } else {
            out.add(value.toString());
        }
        return out;
    }

    @Override
    public String toString() {
        return "enterprises " + enterprises + ", sysObjectIds " + sysObjectIds + ", sysDescrs " + sysDescrs;
    }
}
