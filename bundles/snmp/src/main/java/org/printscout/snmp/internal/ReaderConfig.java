package org.printscout.snmp.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

@ObjectClassDefinition(name = "PrintScout SNMP",
        description = "The agent's one SNMP session (socket, limits, caches) and the defaults of credential profiles")
@interface ReaderConfig {

    @AttributeDefinition(name = "Requests in flight",
            description = "At most this many requests wait for an answer at once; further requests queue without holding a thread. "
                    + "As high as discovery's addresses in flight, since nearly every probe of a sweep waits for a silent address",
            min = "1", max = "65535")
    int maxInFlight() default 4096;

    @AttributeDefinition(name = "Listen address",
            description = "Local IP address of the UDP socket; empty means every address, IPv4 and IPv6")
    String listenAddress() default "";

    @AttributeDefinition(name = "Listen port", description = "Local UDP port; 0 picks a free one", min = "0", max = "65535")
    int listenPort() default 0;

    @AttributeDefinition(name = "Receive buffer (KiB)",
            description = "Socket receive buffer, room for bursts of answers during a scan; 0 keeps the system default",
            min = "0", max = "65536")
    int receiveBufferKib() default 1024;

    @AttributeDefinition(name = "Sockets",
            description = "UDP sockets the session sends from, each device always on the same one. On a flat network every "
                    + "probe of an address without a neighbour entry waits for ARP in its socket's send buffer; each socket "
                    + "adds a buffer, so more addresses can be in flight before sends block (docs/discovery.md, 'Flat networks')",
            min = "1", max = "16")
    int sockets() default 4;

    @AttributeDefinition(name = "Worker threads",
            description = "Threads that hand results to callers and start queued requests; more are added while a caller blocks in one",
            min = "1", max = "64")
    int workerThreads() default 2;

    @AttributeDefinition(name = "Remembered devices",
            description = "SNMPv3 engine IDs, localized keys and learnt PDU size limits are kept for this many devices",
            min = "16", max = "1000000")
    int cacheSize() default 10000;

    @AttributeDefinition(name = "Default timeout (ms)", description = "Per attempt, for profile credentials that set none",
            min = "10", max = "60000")
    int defaultTimeoutMillis() default 1000;

    @AttributeDefinition(name = "Default retries", description = "Attempts after the first, for profile credentials that set none",
            min = "0", max = "10")
    int defaultRetries() default 1;

    @AttributeDefinition(name = "Default variables per request",
            description = "Largest GET, for profile credentials that set none; smaller PDUs are used where a device needs them",
            min = "1", max = "1000")
    int defaultMaxVarbinds() default 60;

    @AttributeDefinition(name = "Default GETBULK repetitions", description = "For profile credentials that set none",
            min = "1", max = "1000")
    int defaultMaxRepetitions() default 25;
}
