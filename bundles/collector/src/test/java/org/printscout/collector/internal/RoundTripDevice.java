package org.printscout.collector.internal;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

import org.printscout.api.snmp.Oid;
import org.printscout.api.snmp.SnmpReader;
import org.printscout.api.snmp.SnmpTarget;
import org.printscout.api.snmp.SnmpValue;
import org.printscout.api.snmp.Snapshot;
import org.printscout.api.snmp.VarBind;
import org.printscout.api.snmp.WalkLimits;
import org.printscout.api.snmp.WalkResult;

/**
 * A recorded device that answers all requests of one round together, as a device behind a link's
 * latency does: the rounds a reading takes are its round trips. Walks go GETBULK by GETBULK, as the
 * SNMP bundle's do. It also counts PDUs and the bytes an SNMPv2c exchange of them would put on the
 * wire (BER sizes of request and response, community "public").
 */
final class RoundTripDevice implements SnmpReader {

    private final RecordedDevice device;
    private final List<Runnable> pending = new ArrayList<>();
    private long pdus;
    private long bytes;
    private long values;

    RoundTripDevice(Snapshot snapshot) {
        this.device = new RecordedDevice(snapshot, true);
    }

    long pdus() {
        return pdus;
    }

    long bytes() {
        return bytes;
    }

    long values() {
        return values;
    }

    /** Answers round after round until nothing more is asked; how many rounds it took. */
    int rounds() {
        int rounds = 0;
        while (!pending.isEmpty()) {
            rounds++;
            List<Runnable> now = new ArrayList<>(pending);
            pending.clear();
            now.forEach(Runnable::run);
        }
        return rounds;
    }

    private CompletionStage<List<VarBind>> later(List<Oid> asked, CompletionStage<List<VarBind>> answer) {
        CompletableFuture<List<VarBind>> reply = new CompletableFuture<>();
        List<VarBind> now = answer.toCompletableFuture().join();
        pdus++;
        values += now.size();
        bytes += messageSize(asked.stream().map(oid -> new VarBind(oid, SnmpValue.nullValue())).toList()) + messageSize(now);
        pending.add(() -> reply.complete(now));
        return reply;
    }

    @Override
    public CompletionStage<List<VarBind>> get(SnmpTarget target, List<Oid> oids) {
        return later(oids, device.get(target, oids));
    }

    @Override
    public CompletionStage<List<VarBind>> getNext(SnmpTarget target, List<Oid> oids) {
        return later(oids, device.getNext(target, oids));
    }

    @Override
    public CompletionStage<List<VarBind>> getBulk(SnmpTarget target, int nonRepeaters, int maxRepetitions, List<Oid> oids) {
        return later(oids, device.getBulk(target, nonRepeaters, maxRepetitions, oids));
    }

    @Override
    public CompletionStage<WalkResult> walk(SnmpTarget target, List<Oid> roots, WalkLimits limits) {
        return walkFrom(target, roots, roots, limits);
    }

    @Override
    public CompletionStage<WalkResult> walkFrom(SnmpTarget target, List<Oid> roots, List<Oid> after, WalkLimits limits) {
        return step(target, roots, new ArrayList<>(after), new ArrayList<>(roots), new ArrayList<>());
    }

    private CompletableFuture<WalkResult> step(SnmpTarget target, List<Oid> roots, List<Oid> cursors, List<Oid> active,
                                               List<VarBind> walked) {
        if (active.isEmpty()) {
            return CompletableFuture.completedFuture(new WalkResult(walked, null, 1));
        }
        // as the SNMP bundle's Walk sizes its GETBULKs
        int reps = Math.max(1, Math.min(target.maxRepetitions(),
                Math.max(target.maxRepetitions(), target.maxVarbindsPerRequest()) / active.size()));
        List<Oid> from = active.stream().map(root -> cursors.get(roots.indexOf(root))).toList();
        return getBulk(target, 0, reps, from).toCompletableFuture().thenCompose(reply -> {
            List<Oid> still = new ArrayList<>(active);
            for (int i = 0; i < reply.size(); i++) {
                Oid root = active.get(i % active.size());
                VarBind vb = reply.get(i);
                if (!still.contains(root)) {
                    continue;
                }
                if (vb.value().type().isException() || !vb.oid().startsWith(root)) {
                    still.remove(root);
                } else {
                    walked.add(vb);
                    cursors.set(roots.indexOf(root), vb.oid());
                }
            }
            return step(target, roots, cursors, still, walked);
        });
    }

    @Override
    public TrafficCounters counters() {
        return new TrafficCounters(pdus, 0, pdus, bytes, 0);
    }

    /** The BER size of an SNMPv2c message carrying these variables (request ids of 4 bytes). */
    static int messageSize(List<VarBind> varbinds) {
        int list = 0;
        for (VarBind vb : varbinds) {
            list += tlv(tlv(oidLength(vb.oid())) + tlv(valueLength(vb.value())));
        }
        int pdu = tlv(tlv(4) + tlv(1) + tlv(1) + tlv(list));
        return tlv(tlv(1) + tlv("public".getBytes(StandardCharsets.US_ASCII).length) + pdu);
    }

    private static int tlv(int content) {
        int lengthOfLength = content < 128 ? 1 : 1 + (32 - Integer.numberOfLeadingZeros(content) + 7) / 8;
        return 1 + lengthOfLength + content;
    }

    private static int oidLength(Oid oid) {
        int[] arcs = oid.toArray();
        if (arcs.length < 2) {
            return 1;
        }
        int n = base128(40L * arcs[0] + arcs[1]);
        for (int i = 2; i < arcs.length; i++) {
            n += base128(arcs[i] & 0xffffffffL);
        }
        return n;
    }

    private static int base128(long value) {
        int n = 1;
        while ((value >>>= 7) != 0) {
            n++;
        }
        return n;
    }

    private static int valueLength(SnmpValue value) {
        switch (value.type()) {
            case OCTET_STRING, OPAQUE, IP_ADDRESS:
                return value.asBytes().length;
            case OBJECT_IDENTIFIER:
                return value.asOid().map(RoundTripDevice::oidLength).orElse(1);
            case INTEGER, COUNTER32, GAUGE32, TIMETICKS, COUNTER64:
                long v = value.asLong().orElse(0);
                int n = 1;
                // two's complement, minimal: an unsigned value with its top bit set takes a zero byte more
                while (n < 9 && (v >> (8 * n - 1)) != 0 && (v >> (8 * n - 1)) != -1) {
                    n++;
                }
                return n;
            default:
                return 0;
        }
    }
}
