package org.printscout.mib.declarative.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import org.printscout.api.mapper.DeviceFacts;
import org.printscout.api.mapper.Mapper;
import org.printscout.api.mapper.OidPlan;
import org.printscout.api.model.ReadingBuilder;
import org.printscout.api.model.Supply;
import org.printscout.api.model.SupplyLevel;
import org.printscout.api.snmp.Oid;
import org.printscout.api.snmp.Snapshot;
import org.printscout.api.snmp.SnmpValue;

/**
 * The mapper a mapping file becomes. Its plan is exactly the OIDs the file names (scalars for
 * values, columns for a supplies table), so map() can read nothing else.
 *
 * <p>Identity is deliberately not equals-by-content: the collector keys its mappers by instance, and
 * two files with the same rules are still two mappers.
 */
final class DeclarativeMapper implements Mapper {

    private final Mapping mapping;
    private final OidPlan plan;

    DeclarativeMapper(Mapping mapping) {
        this.mapping = mapping;
        OidPlan.Builder builder = OidPlan.builder();
        mapping.identity().forEach(rule -> rule.values().forEach(v -> builder.scalar(v.oid())));
        mapping.meters().forEach(rule -> rule.alternatives().forEach(alt -> alt.forEach(v -> builder.scalar(v.oid()))));
        mapping.supplies().ifPresent(s -> columns(s).forEach(c -> builder.column(c.oid())));
        this.plan = builder.build();
    }

    Mapping mapping() {
        return mapping;
    }

    @Override
    public OidPlan plan(DeviceFacts device) {
        return plan;
    }

    @Override
    public void map(Snapshot snapshot, ReadingBuilder reading) {
        map(snapshot, reading, Trace.NONE);
    }

    /** Fills {@code reading}; never throws for what a device sends, a bad value only loses its own field. */
    void map(Snapshot snapshot, ReadingBuilder reading, Trace trace) {
        for (Mapping.IdentityRule rule : mapping.identity()) {
            identity(snapshot, reading, trace, rule);
        }
        for (Mapping.MeterRule rule : mapping.meters()) {
            meter(snapshot, reading, trace, rule);
        }
        mapping.supplies().ifPresent(rule -> supplies(snapshot, reading, trace, rule));
    }

    private void identity(Snapshot snapshot, ReadingBuilder reading, Trace trace, Mapping.IdentityRule rule) {
        List<String> reasons = new ArrayList<>();
        String value = null;
        String from = null;
        for (ValueRule v : rule.values()) {
            Outcome<String> text = v.text(snapshot.get(v.oid()).orElse(null));
            if (text.present()) {
                value = text.value();
                from = v.oid().toString();
                break;
            }
            reasons.add(text.reason());
        }
        if (value == null && rule.defaultValue() != null) {
            value = rule.defaultValue();
            from = "default";
        }
        if (value != null && rule.field().equals("macAddress")) {
            String mac = ValueRule.macAddress(value);
            if (mac == null) {
                reasons.add("'" + value + "' is not a MAC address");
                value = null;
            } else {
                value = mac;
            }
        }
        if (value == null) {
            trace.missing(rule.field(), String.join("; ", reasons));
            return;
        }
        reading.identity(rule.field(), value);
        trace.produced(rule.field(), value, from);
    }

    private void meter(Snapshot snapshot, ReadingBuilder reading, Trace trace, Mapping.MeterRule rule) {
        String target = "meter " + rule.name();
        List<String> reasons = new ArrayList<>();
        for (List<ValueRule> alternative : rule.alternatives()) {
            long total = 0;
            String missing = null;
            for (ValueRule v : alternative) {
                Outcome<Long> n = v.number(snapshot.get(v.oid()).orElse(null));
                if (!n.present()) {
                    missing = n.reason();
                    break;
                }
                try {
                    total = Math.addExact(total, n.value());
                } catch (ArithmeticException e) {
                    missing = "the sum does not fit a 64-bit meter";
                    break;
                }
            }
            if (missing == null && total < 0) {
                missing = "the value " + total + " is negative";
            }
            if (missing == null) {
                reading.meter(rule.name(), total, rule.unit());
                trace.produced(target, total + " " + rule.unit().name().toLowerCase(Locale.ROOT), describe(alternative));
                return;
            }
            reasons.add(alternative.size() > 1 ? "sum: " + missing : missing);
        }
        trace.missing(target, String.join("; ", reasons));
    }

    private void supplies(Snapshot snapshot, ReadingBuilder reading, Trace trace, Mapping.SupplyRule rule) {
        Map<Oid, SnmpValue> rows = snapshot.column(rule.description().oid());
        int added = 0;
        for (Map.Entry<Oid, SnmpValue> row : rows.entrySet()) {
            Oid index = row.getKey();
            Optional<SupplyLevel> level = level(snapshot, rule.level(), index);
            if (level.isEmpty()) {
                trace.missing("supply " + index, "no level in " + rule.level().oid() + "." + index);
                continue;
            }
            SupplyLevel max = Optional.ofNullable(rule.maxCapacity())
                    .flatMap(c -> level(snapshot, c, index)).orElse(SupplyLevel.UNKNOWN);
            String description = rule.description().text(row.getValue()).value();
            Supply supply = new Supply((int) index.arc(index.size() - 1), description, rule.type(),
                    text(snapshot, rule.colorant(), index), rule.unit(), level.get(), max,
                    text(snapshot, rule.partNumber(), index));
            reading.supply(supply);
            trace.produced("supply " + index, (description == null ? "" : description + ": ") + level.get()
                    + " of " + max + " " + rule.unit(), rule.description().oid() + "." + index);
            added++;
        }
        if (added == 0) {
            trace.missing("supplies", rows.isEmpty() ? "no rows in " + rule.description().oid() : "no row had a level");
        }
    }

    /** A level or capacity; the Printer MIB special values (-1, -2, -3) are kept, never scaled. */
    private static Optional<SupplyLevel> level(Snapshot snapshot, ValueRule rule, Oid index) {
        Outcome<Long> raw = rule.rawNumber(snapshot.get(rule.oid().append(index)).orElse(null));
        if (!raw.present()) {
            return Optional.empty();
        }
        if (raw.value() < 0) {
            return Optional.of(SupplyLevel.ofPrinterMib(raw.value()));
        }
        Outcome<Long> scaled = rule.scale(raw.value());
        return scaled.present() ? Optional.of(SupplyLevel.ofPrinterMib(scaled.value())) : Optional.empty();
    }

    private static String text(Snapshot snapshot, ValueRule rule, Oid index) {
        if (rule == null) {
            return null;
        }
        return rule.text(snapshot.get(rule.oid().append(index)).orElse(null)).value();
    }

    private static String describe(List<ValueRule> alternative) {
        return alternative.size() == 1 ? alternative.get(0).oid().toString()
                : "sum of " + String.join(" + ", alternative.stream().map(v -> v.oid().toString()).toList());
    }

    static List<ValueRule> columns(Mapping.SupplyRule rule) {
        List<ValueRule> columns = new ArrayList<>();
        columns.add(rule.description());
        columns.add(rule.level());
        for (ValueRule optional : new ValueRule[] {rule.maxCapacity(), rule.colorant(), rule.partNumber()}) {
            if (optional != null) {
                columns.add(optional);
            }
        }
        return columns;
    }

    @Override
    public String toString() {
        return "DeclarativeMapper[" + mapping.name() + " from " + mapping.source() + "]";
    }
}
