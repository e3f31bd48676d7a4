package org.printscout.api.mapper;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import org.printscout.api.snmp.Oid;

/**
 * The OIDs a mapper needs: scalars (fetched by batched GET) and table columns or subtrees (fetched by
 * GETBULK). The collector merges the plans of all mappers of a device into as few PDUs as it can; a
 * mapper sees in its snapshot nothing but what its plan (and the other mappers' plans) asked for.
 */
public record OidPlan(Set<Oid> scalars, Set<Oid> columns) {

    public OidPlan {
        scalars = Set.copyOf(scalars);
        columns = Set.copyOf(columns);
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The union of several plans, with columns that lie inside another column dropped. */
    public static OidPlan merge(Collection<OidPlan> plans) {
        TreeSet<Oid> scalars = new TreeSet<>();
        TreeSet<Oid> columns = new TreeSet<>();
        for (OidPlan plan : plans) {
            scalars.addAll(plan.scalars);
            columns.addAll(plan.columns);
        }
        List<Oid> outer = new ArrayList<>();
        for (Oid column : columns) {
            if (outer.isEmpty() || !column.startsWith(outer.get(outer.size() - 1))) {
                outer.add(column);
            }
        }
        scalars.removeIf(s -> outer.stream().anyMatch(s::startsWith));
        return new OidPlan(scalars, new TreeSet<>(outer));
    }

    /** True when {@code oid} is one of the scalars or lies inside one of the columns. */
    public boolean covers(Oid oid) {
        if (scalars.contains(oid)) {
            return true;
        }
        for (Oid column : columns) {
            if (oid.startsWith(column)) {
                return true;
            }
        }
        return false;
    }

    /** Collects a plan. */
    public static final class Builder {
        private final Set<Oid> scalars = new TreeSet<>();
        private final Set<Oid> columns = new TreeSet<>();

        public Builder scalar(String oid) {
            scalars.add(Oid.parse(oid));
            return this;
        }

        public Builder scalar(Oid oid) {
            scalars.add(oid);
            return this;
        }

        public Builder column(String oid) {
            columns.add(Oid.parse(oid));
            return this;
        }

        public Builder column(Oid oid) {
            columns.add(oid);
            return this;
        }

        public OidPlan build() {
            return new OidPlan(scalars, columns);
        }
    }
}
