package org.printscout.simulator.internal;

import java.util.concurrent.atomic.LongAdder;

import org.printscout.simulator.PduKind;
import org.printscout.simulator.TrafficStatistics;

/** One device's counters, updated from the selector, worker and delay threads without locking. */
final class TrafficCounters {

    final LongAdder packetsIn = new LongAdder();
    final LongAdder bytesIn = new LongAdder();
    final LongAdder packetsOut = new LongAdder();
    final LongAdder bytesOut = new LongAdder();
    final LongAdder getRequests = new LongAdder();
    final LongAdder getNextRequests = new LongAdder();
    final LongAdder getBulkRequests = new LongAdder();
    final LongAdder setsRefused = new LongAdder();
    final LongAdder otherPdus = new LongAdder();
    final LongAdder varbindsRequested = new LongAdder();
    final LongAdder varbindsAnswered = new LongAdder();
    final LongAdder tooBigResponses = new LongAdder();
    final LongAdder badCommunity = new LongAdder();
    final LongAdder securityFailures = new LongAdder();
    final LongAdder engineIdDiscoveries = new LongAdder();
    final LongAdder droppedByFault = new LongAdder();
    final LongAdder malformedResponses = new LongAdder();
    final LongAdder droppedOverload = new LongAdder();

    void countRequest(PduKind kind, int varbinds) {
        switch (kind) {
            case GET:
                getRequests.increment();
                break;
            case GETNEXT:
                getNextRequests.increment();
                break;
            case GETBULK:
                getBulkRequests.increment();
                break;
            case SET:
                setsRefused.increment();
                break;
            default:
                otherPdus.increment();
                return;
        }
        varbindsRequested.add(varbinds);
    }

    TrafficStatistics snapshot() {
        return new TrafficStatistics(packetsIn.sum(), bytesIn.sum(), packetsOut.sum(), bytesOut.sum(),
                getRequests.sum(), getNextRequests.sum(), getBulkRequests.sum(), setsRefused.sum(), otherPdus.sum(),
                varbindsRequested.sum(), varbindsAnswered.sum(), tooBigResponses.sum(), badCommunity.sum(),
                securityFailures.sum(), engineIdDiscoveries.sum(), droppedByFault.sum(), malformedResponses.sum(),
                droppedOverload.sum());
    }
}
