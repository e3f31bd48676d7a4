package org.printscout.discovery.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.osgi.service.metatype.annotations.Option;

@ObjectClassDefinition(name = "PrintScout discovery", description = "How discovery scans probe addresses")
@interface DiscoveryConfig {

    @AttributeDefinition(name = "Addresses in flight",
            description = "Addresses probed at once. A silent address holds its slot for timeout x (retries + 1) per credential, "
                    + "so a /16 with 1 s timeout and 1 retry needs a few thousand to finish in a minute. "
                    + "Raise org.printscout.snmp maxInFlight to match", min = "1", max = "65536")
    int maxAddressesInFlight() default 4096;

    @AttributeDefinition(name = "Fewest first contacts in flight",
            description = "When the kernel does not keep up with the probes of addresses that have not answered yet (on a flat "
                    + "network each waits for ARP in the SNMP socket's send buffer and the neighbour table), their number in flight "
                    + "is halved, down to this, and grows again while the kernel accepts them", min = "1", max = "65536")
    int minAddressesInFlight() default 16;

    @AttributeDefinition(name = "Probes again after kernel drops",
            description = "An address that stayed silent while the kernel dropped datagrams (neighbour table full: Linux drops "
                    + "without an error) is probed again, at most this many times", min = "0", max = "10")
    int dropRetries() default 3;

    @AttributeDefinition(name = "Watch the kernel's drop counters",
            description = "Read UDP SndbufErrors in /proc/net/snmp during scans to see datagrams the kernel dropped before the "
                    + "wire (Linux drops them without an error when the neighbour table is full). Off: only a blocked send slows "
                    + "probes down, and nothing is probed again")
    boolean watchKernelDrops() default true;

    @AttributeDefinition(name = "Readings in flight",
            description = "Printers read completely at once (each reading is a few dozen PDUs)", min = "1", max = "4096")
    int maxReadingsInFlight() default 64;

    @AttributeDefinition(name = "Ping first", description = "Skip addresses that do not answer an ICMP echo before the SNMP probe. "
            + "Off by default: many printers and firewalls drop ICMP, and an SNMP probe of a silent address costs one datagram "
            + "and a timer, less than a ping", options = {
            @Option(label = "off", value = "OFF"),
            @Option(label = "Java InetAddress.isReachable (ICMP when the agent may open raw sockets, else TCP port 7)", value = "JAVA"),
            @Option(label = "/bin/ping -c1 per address", value = "COMMAND")})
    String ping() default "OFF";

    @AttributeDefinition(name = "Ping timeout (ms)", min = "50", max = "10000")
    int pingTimeoutMillis() default 1000;

    @AttributeDefinition(name = "Pings in flight", description = "Threads (and at most processes) that ping at once", min = "1", max = "1024")
    int pingThreads() default 64;

    @AttributeDefinition(name = "Ping command", description = "For ping=COMMAND; {address} and {timeoutSeconds} are replaced")
    String pingCommand() default "/bin/ping -n -q -c 1 -W {timeoutSeconds} {address}";

    @AttributeDefinition(name = "Recognition rows",
            description = "At most this many values of the recognition columns are read from one device", min = "8", max = "100000")
    int recognitionMaxRows() default 512;

    @AttributeDefinition(name = "Largest site (addresses)",
            description = "A site (or ad-hoc scan) whose ranges hold more addresses, exclusions taken out, is refused as a whole. "
                    + "The default is a /12; a /16 takes about half a minute to sweep", min = "1", max = "16777216")
    int maxSiteAddresses() default 1_048_576;

    @AttributeDefinition(name = "Allow public ranges",
            description = "Scan addresses outside the private (10/8, 172.16/12, 192.168/16, fc00::/7), link-local and loopback "
                    + "ranges. Off: such entries are refused with their line named. A local setting: the portal cannot change it")
    boolean allowPublicRanges() default false;
}
