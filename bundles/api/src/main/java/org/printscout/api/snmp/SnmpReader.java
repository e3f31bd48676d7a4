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

    /** Counters of what this reader has sent since it started. */
    TrafficCounters counters();

    /** Monotonic counters of the traffic the reader has sent and received. */
    record TrafficCounters(long requestsSent, long bytesSent, long responsesReceived, long bytesReceived,
                           long timeouts) {
    }
}
