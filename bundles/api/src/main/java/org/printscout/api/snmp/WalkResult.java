package org.printscout.api.snmp;

import java.util.List;

/**
 * The values of a walk and how it ended. A walk that was cut short by a loop or a limit still
 * returns what it read before, with the reason in {@code stop}.
 *
 * @param values the values, in the order received (always strictly increasing)
 * @param stop null when the walk left the subtree normally; otherwise why it stopped early
 * @param requests PDUs sent for this walk (for benchmarks and audits)
 */
public record WalkResult(List<VarBind> values, SnmpException stop, int requests) {
    public WalkResult {
        values = List.copyOf(values);
    }

    public boolean complete() {
        return stop == null;
    }
}
