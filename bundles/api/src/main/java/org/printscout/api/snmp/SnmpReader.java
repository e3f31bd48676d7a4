package org.printscout.api.snmp;

import java.util.List;
import java.util.concurrent.CompletionStage;

import org.osgi.annotation.versioning.ProviderType;

/**
 * Read-only SNMP access to devices, shared by the whole agent: every call is asynchronous, many can
 * be in flight at once without a thread each. There is deliberately no SET: the agent never changes
 * a device.
 *
 * <p>Failures complete the stage exceptionally with an {@link SnmpException}.
 */
@ProviderType
public interface SnmpReader {

    /**
     * GET of any number of OIDs; requests are split into PDUs of at most
     * {@link SnmpTarget#maxVarbindsPerRequest()} variables, and split further when the agent answers
     * tooBig or does not answer a large request. Absent OIDs come back as exception values
     * (v2c/v3) or are left out (v1 noSuchName).
     */
    CompletionStage<List<VarBind>> get(SnmpTarget target, List<Oid> oids);

    /** One GETNEXT of the given OIDs. */
    CompletionStage<List<VarBind>> getNext(SnmpTarget target, List<Oid> oids);

    /** One GETBULK (v2c/v3 only). */
    CompletionStage<List<VarBind>> getBulk(SnmpTarget target, int nonRepeaters, int maxRepetitions, List<Oid> oids);

    /**
     * Walks the subtrees under {@code roots} together (GETBULK on v2c/v3, GETNEXT on v1), stopping
     * each at its end, on a non-increasing OID, or at the limits.
     */
    CompletionStage<WalkResult> walk(SnmpTarget target, List<Oid> roots, WalkLimits limits);

    /**
     * Walks on from a cursor: as {@link #walk}, but root {@code i} continues after {@code after.get(i)}
     * (an OID inside it that was already read), so a walk that a first GETBULK began does not read its
     * rows again. The result holds only values after the cursors. This default walks each root from its
     * start and drops what lies at or before its cursor; readers that talk to devices start at the cursor.
     *
     * @since 1.1
     */
    default CompletionStage<WalkResult> walkFrom(SnmpTarget target, List<Oid> roots, List<Oid> after, WalkLimits limits) {
        if (roots.size() != after.size()) {
            throw new IllegalArgumentException(roots.size() + " roots but " + after.size() + " cursors");
        }
        return walk(target, roots, limits).thenApply(result -> {
            List<VarBind> kept = new java.util.ArrayList<>();
            for (VarBind vb : result.values()) {
                for (int i = 0; i < roots.size(); i++) {
                    if (vb.oid().startsWith(roots.get(i))) {
                        if (vb.oid().compareTo(after.get(i)) > 0) {
                            kept.add(vb);
                        }
                        break;
                    }
                }
            }
            return new WalkResult(kept, result.stop(), result.requests());
        });
    }

    /** Counters of what this reader has sent since it started. */
    TrafficCounters counters();

    /** Monotonic counters of the traffic the reader has sent and received. */
    record TrafficCounters(long requestsSent, long bytesSent, long responsesReceived, long bytesReceived,
                           long timeouts) {
    }
}
