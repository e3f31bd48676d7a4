package org.printscout.simulator;

/**
 * Traffic counters of one device, or of a whole simulator (the sum over its devices). A snapshot:
 * the values do not change after it was taken.
 *
 * @param packetsIn datagrams received
 * @param bytesIn bytes received
 * @param packetsOut datagrams sent (responses and SNMPv3 reports)
 * @param bytesOut bytes sent
 * @param getRequests accepted GET requests
 * @param getNextRequests accepted GETNEXT requests
 * @param getBulkRequests accepted GETBULK requests
 * @param setsRefused SET requests, all answered with an error
 * @param otherPdus accepted messages of another type, not answered
 * @param varbindsRequested variable bindings in accepted requests
 * @param varbindsAnswered variable bindings in responses (GETBULK answers more than it was asked)
 * @param tooBigResponses requests answered with tooBig
 * @param badCommunity v1/v2c requests with a community the device does not know, not answered
 * @param securityFailures v3 messages USM refused (unknown user, wrong digest, outside the time
 *        window, cannot decrypt), not counting engine-id discovery
 * @param engineIdDiscoveries v3 engine-id discoveries answered with a report
 * @param droppedByFault requests dropped by the loss fault
 * @param malformedResponses responses spoiled on purpose (truncated, garbage, wrong request-id)
 * @param droppedOverload datagrams dropped because the simulator could not keep up, or responses
 *        the socket could not take
 */
public record TrafficStatistics(long packetsIn, long bytesIn, long packetsOut, long bytesOut,
                                long getRequests, long getNextRequests, long getBulkRequests, long setsRefused,
                                long otherPdus, long varbindsRequested, long varbindsAnswered, long tooBigResponses,
                                long badCommunity, long securityFailures, long engineIdDiscoveries,
                                long droppedByFault, long malformedResponses, long droppedOverload) {

    public static final TrafficStatistics ZERO =
            new TrafficStatistics(0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0);

    /** GET + GETNEXT + GETBULK + SET: every request a device accepted and answered. */
    public long requests() {
        return getRequests + getNextRequests + getBulkRequests + setsRefused;
    }

    public TrafficStatistics plus(TrafficStatistics o) {
        return new TrafficStatistics(packetsIn + o.packetsIn, bytesIn + o.bytesIn, packetsOut + o.packetsOut,
                bytesOut + o.bytesOut, getRequests + o.getRequests, getNextRequests + o.getNextRequests,
                getBulkRequests + o.getBulkRequests, setsRefused + o.setsRefused, otherPdus + o.otherPdus,
                varbindsRequested + o.varbindsRequested, varbindsAnswered + o.varbindsAnswered,
                tooBigResponses + o.tooBigResponses, badCommunity + o.badCommunity,
                securityFailures + o.securityFailures, engineIdDiscoveries + o.engineIdDiscoveries,
                droppedByFault + o.droppedByFault, malformedResponses + o.malformedResponses,
                droppedOverload + o.droppedOverload);
    }
}
