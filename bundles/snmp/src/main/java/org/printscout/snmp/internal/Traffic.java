package org.printscout.snmp.internal;

import java.util.concurrent.atomic.LongAdder;

import org.printscout.api.snmp.SnmpReader.TrafficCounters;

/**
 * What the session put on and took off the wire. Datagrams are counted, so retries and SNMPv3
 * discovery show up as the traffic they are; {@code timeouts} counts requests that got no answer after
 * all their retries.
 */
final class Traffic {

    final LongAdder requestsSent = new LongAdder();
    final LongAdder bytesSent = new LongAdder();
    final LongAdder responsesReceived = new LongAdder();
    final LongAdder bytesReceived = new LongAdder();
    final LongAdder timeouts = new LongAdder();

    TrafficCounters snapshot() {
        return new TrafficCounters(requestsSent.sum(), bytesSent.sum(), responsesReceived.sum(), bytesReceived.sum(),
                timeouts.sum());
    }
}
