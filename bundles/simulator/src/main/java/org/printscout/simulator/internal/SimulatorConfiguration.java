package org.printscout.simulator.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.AttributeType;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.osgi.service.metatype.annotations.Option;
import org.printscout.simulator.Simulator;

/** One simulated fleet; every factory configuration of {@code org.printscout.simulator} starts one. */
@ObjectClassDefinition(id = "org.printscout.simulator", name = "PrintScout printer simulator",
        description = "Simulated SNMP printers replaying .snmprec recordings on loopback addresses (demo, tests). "
                + "Devices answer v1/v2c with their recording's name as community, and v3; they never accept SET.")
@interface SimulatorConfiguration {

    @AttributeDefinition(name = "Recordings",
            description = ".snmprec files or directories of them; relative paths are relative to the PrintScout home")
    String[] data();

    @AttributeDefinition(name = "First address", description = "IPv4 address of the first device, e.g. 127.77.0.1")
    String address() default "127.77.0.1";

    @AttributeDefinition(name = "Layout", description = "Successive addresses on one port, or successive ports on one address",
            options = {@Option(label = "Successive addresses", value = "addresses"),
                    @Option(label = "Successive ports", value = "ports")})
    String layout() default "addresses";

    @AttributeDefinition(name = "Port", description = "UDP port (the first port for the 'ports' layout); 161 needs root",
            min = "0", max = "65535")
    int port() default Simulator.DEFAULT_PORT;

    @AttributeDefinition(name = "Devices", description = "Number of devices; 0 for one per recording. "
            + "Recordings are cycled, each repeat with its own serial numbers and MACs", min = "0")
    int count() default 0;

    @AttributeDefinition(name = "Extra communities",
            description = "v1/v2c communities every device answers besides its recording's name", required = false)
    String[] communities() default {"public"};

    /**
     * Key {@code .usmUsers}: the leading dot keeps the pass phrases out of the Simulator service's
     * properties, where anyone listing services would see them.
     */
    @AttributeDefinition(name = "SNMPv3 users", type = AttributeType.PASSWORD,
            description = "NAME, NAME:AUTH:AUTHPASS or NAME:AUTH:AUTHPASS:PRIV:PRIVPASS, "
                    + "e.g. simulator:MD5:auctoritas:DES:privatus", required = false)
    String[] _usmUsers() default {"simulator:MD5:auctoritas:DES:privatus"};

    @AttributeDefinition(name = "Most varbinds per response", description = "0: no limit (snmpsim answers at most 64)",
            min = "0")
    int maxResponseVarbinds() default Simulator.DEFAULT_MAX_RESPONSE_VARBINDS;

    @AttributeDefinition(name = "Largest response (bytes)", min = "484", max = "65507")
    int maxMessageSize() default Simulator.MAX_UDP_PAYLOAD;

    @AttributeDefinition(name = "Latency (ms)", min = "0")
    int latencyMillis() default 0;

    @AttributeDefinition(name = "Jitter (ms)", description = "Up to this much more latency", min = "0")
    int jitterMillis() default 0;

    @AttributeDefinition(name = "Loss probability", min = "0", max = "1")
    double lossProbability() default 0;

    @AttributeDefinition(name = "Truncated response probability", min = "0", max = "1")
    double truncateProbability() default 0;

    @AttributeDefinition(name = "Garbage response probability", min = "0", max = "1")
    double garbageProbability() default 0;

    @AttributeDefinition(name = "Wrong request-id probability", min = "0", max = "1")
    double wrongRequestIdProbability() default 0;

    @AttributeDefinition(name = "Wrong value type probability", min = "0", max = "1")
    double wrongTypeProbability() default 0;

    @AttributeDefinition(name = "Walk loop from OID", description = "GETNEXT from this OID on does not move forward; "
            + "empty: off", required = false)
    String walkLoopFrom() default "";

    @AttributeDefinition(name = "Synthetic table", description = "OID or OID:ROWS of a generated table; empty: off",
            required = false)
    String syntheticTable() default "";

    @AttributeDefinition(name = "Pages per hour", description = "Every device prints this many pages an hour while it runs: "
            + "its prtMarkerLifeCount values grow (never past what their type holds); 0: as recorded", min = "0")
    double wearPagesPerHour() default 0;

    @AttributeDefinition(name = "Supply use (% per hour)", description = "Consumed supplies lose this percentage of "
            + "prtMarkerSuppliesMaxCapacity an hour: prtMarkerSuppliesLevel drains to 0, stays empty one unit's time, "
            + "is refilled and drains again; unknown levels and capacities stay as recorded; 0: as recorded", min = "0")
    double wearSupplyPercentPerHour() default 0;

    @AttributeDefinition(name = "Seed", description = "Seeds the faults' random decisions")
    long seed() default 0;

    @AttributeDefinition(name = "Worker threads", min = "1")
    int workerThreads() default 2;

    @AttributeDefinition(name = "Log requests", description = "Log every request's OIDs (info level)")
    boolean logRequests() default false;
}
