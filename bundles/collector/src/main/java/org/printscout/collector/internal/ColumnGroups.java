package org.printscout.collector.internal;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.printscout.api.snmp.Oid;

/**
 * Groups columns of the same table (same entry OID, the column minus its last arc), so one GETBULK
 * carries every column of a table and a table of N rows costs N / max-repetitions round trips in
 * total rather than per column.
 */
final class ColumnGroups {

    private ColumnGroups() {
    }

    /** Sorted columns without those that lie inside another one (it is read with its parent). */
    static List<Oid> outermost(Collection<Oid> columns) {
        List<Oid> kept = new ArrayList<>();
        for (Oid column : new java.util.TreeSet<>(columns)) {
            if (kept.isEmpty() || !column.startsWith(kept.get(kept.size() - 1))) {
                kept.add(column);
            }
        }
        return kept;
    }

    /**
     * Sorted outermost columns cut into runs of neighbours: same parent, last arcs one apart. Nothing
     * lies between two neighbours, so one GETBULK repeater can walk straight through a run.
     */
    static List<List<Oid>> adjacentRuns(List<Oid> sortedOutermost) {
        List<List<Oid>> runs = new ArrayList<>();
        List<Oid> run = new ArrayList<>();
        for (Oid column : sortedOutermost) {
            if (!run.isEmpty() && !neighbours(run.get(run.size() - 1), column)) {
                runs.add(List.copyOf(run));
                run.clear();
            }
            run.add(column);
        }
        if (!run.isEmpty()) {
            runs.add(List.copyOf(run));
        }
        return runs;
    }

    /** Same parent, last arcs one apart: nothing can lie between the two subtrees. */
    static boolean neighbours(Oid a, Oid b) {
        if (a.size() != b.size() || a.size() < 2) {
            return false;
        }
        int[] x = a.toArray();
        int[] y = b.toArray();
        for (int i = 0; i < x.length - 1; i++) {
            if (x[i] != y[i]) {
                return false;
            }
        }
        return y[y.length - 1] == x[x.length - 1] + 1;
    }

    static List<List<Oid>> byTable(Collection<Oid> columns, int maxColumnsPerGroup) {
        Map<Oid, List<Oid>> groups = new LinkedHashMap<>();
        for (Oid column : columns) {
            Oid entry = column.size() > 1 ? Oid.of(java.util.Arrays.copyOf(column.toArray(), column.size() - 1)) : column;
            groups.computeIfAbsent(entry, k -> new ArrayList<>()).add(column);
        }
        List<List<Oid>> out = new ArrayList<>();
        for (List<Oid> group : groups.values()) {
            for (int i = 0; i < group.size(); i += maxColumnsPerGroup) {
                out.add(List.copyOf(group.subList(i, Math.min(group.size(), i + maxColumnsPerGroup))));
            }
        }
        return out;
    }
}
