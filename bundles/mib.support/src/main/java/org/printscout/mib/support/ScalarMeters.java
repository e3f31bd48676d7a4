package org.printscout.mib.support;

import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;

import org.printscout.api.mapper.OidPlan;
import org.printscout.api.model.MeterUnit;
import org.printscout.api.model.ReadingBuilder;
import org.printscout.api.snmp.Oid;
import org.printscout.api.snmp.Snapshot;

/**
 * A fixed list of scalar counters, each read into one meter: the common shape of a vendor's page
 * counters. The same list declares the OIDs (so the plan and the reads cannot drift apart) and
 * fills the meters; a counter the device does not answer, or answers with something that is not a
 * count, sets nothing.
 */
public final class ScalarMeters {

    /** One counter: where it is, the meter it becomes, and what it counts. */
    public record Counter(Oid oid, String meter, MeterUnit unit) {
    }

    private final List<Counter> counters;

    private ScalarMeters(List<Counter> counters) {
        this.counters = List.copyOf(counters);
    }

    public static Builder builder() {
        return new Builder();
    }

    public List<Counter> counters() {
        return counters;
    }

    /** Adds every counter's OID to {@code plan} as a scalar. */
    public OidPlan.Builder declare(OidPlan.Builder plan) {
        counters.forEach(c -> plan.scalar(c.oid()));
        return plan;
    }

    public void map(Snapshot snapshot, ReadingBuilder reading) {
        for (Counter counter : counters) {
            OptionalLong value = VendorCounters.count(snapshot, counter.oid());
            if (value.isPresent()) {
                reading.meter(counter.meter(), value.getAsLong(), counter.unit());
            }
        }
    }

    /** Collects counters in the order they are listed. */
    public static final class Builder {
        private final List<Counter> counters = new ArrayList<>();

        public Builder add(String oid, String meter, MeterUnit unit) {
            counters.add(new Counter(Oid.parse(oid), meter, unit));
            return this;
        }

        public ScalarMeters build() {
            return new ScalarMeters(counters);
        }
    }
}
