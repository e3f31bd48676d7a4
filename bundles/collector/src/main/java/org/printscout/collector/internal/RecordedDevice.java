package org.printscout.collector.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;

import org.printscout.api.snmp.Oid;
import org.printscout.api.snmp.SnmpException;
import org.printscout.api.snmp.SnmpReader;
import org.printscout.api.snmp.SnmpTarget;
import org.printscout.api.snmp.SnmpType;
import org.printscout.api.snmp.SnmpValue;
import org.printscout.api.snmp.Snapshot;
import org.printscout.api.snmp.VarBind;
import org.printscout.api.snmp.WalkLimits;
import org.printscout.api.snmp.WalkResult;

/**
 * A recorded device behind the {@link SnmpReader} interface: answers GETs and walks from a snapshot
 * and records what was asked, so a recording is read by exactly the code that reads live devices.
 */
final class RecordedDevice implements SnmpReader {

    final List<Oid> requested = new CopyOnWriteArrayList<>();
    private final Snapshot device;
    private final boolean reachable;

    RecordedDevice(Snapshot device, boolean reachable) {
        this.device = device;
        this.reachable = reachable;
    }

    @Override
    public CompletionStage<List<VarBind>> get(SnmpTarget target, List<Oid> oids) {
        requested.addAll(oids);
        if (!reachable) {
            return CompletableFuture.failedFuture(new SnmpException(SnmpException.Cause.TIMEOUT, target.describe() + ": no answer"));
        }
        List<VarBind> out = new ArrayList<>();
        for (Oid oid : oids) {
            out.add(new VarBind(oid, device.get(oid).orElse(SnmpValue.exception(SnmpType.NO_SUCH_OBJECT))));
        }
        return CompletableFuture.completedFuture(out);
    }

    @Override
    public CompletionStage<List<VarBind>> getNext(SnmpTarget target, List<Oid> oids) {
        requested.addAll(oids);
        List<VarBind> out = new ArrayList<>();
        for (Oid oid : oids) {
            var next = device.asMap().higherEntry(oid);
            out.add(next == null ? new VarBind(oid, SnmpValue.exception(SnmpType.END_OF_MIB_VIEW))
                    : new VarBind(next.getKey(), next.getValue()));
        }
        return CompletableFuture.completedFuture(out);
    }

    @Override
    public CompletionStage<List<VarBind>> getBulk(SnmpTarget target, int nonRepeaters, int maxRepetitions, List<Oid> oids) {
        requested.addAll(oids);
        List<VarBind> out = new ArrayList<>();
        for (int i = 0; i < Math.min(nonRepeaters, oids.size()); i++) {
            out.add(next(oids.get(i)));
        }
        List<Oid> cursors = new ArrayList<>(oids.subList(Math.min(nonRepeaters, oids.size()), oids.size()));
        for (int r = 0; r < maxRepetitions && !cursors.isEmpty(); r++) {
            for (int c = 0; c < cursors.size(); c++) {
                VarBind vb = next(cursors.get(c));
                out.add(vb);
                cursors.set(c, vb.oid());
            }
        }
        return CompletableFuture.completedFuture(out);
    }

    private VarBind next(Oid oid) {
        var next = device.asMap().higherEntry(oid);
        return next == null ? new VarBind(oid, SnmpValue.exception(SnmpType.END_OF_MIB_VIEW)) : new VarBind(next.getKey(), next.getValue());
    }

    @Override
    public CompletionStage<WalkResult> walk(SnmpTarget target, List<Oid> roots, WalkLimits limits) {
        requested.addAll(roots);
        List<VarBind> out = new ArrayList<>();
        for (Oid root : roots) {
            device.subtree(root).forEach((oid, value) -> out.add(new VarBind(oid, value)));
        }
        return CompletableFuture.completedFuture(new WalkResult(out, null, 1));
    }

    @Override
    public TrafficCounters counters() {
        return new TrafficCounters(requested.size(), 0, requested.size(), 0, 0);
    }
}
