package org.printscout.upload.internal;

import java.util.Map;
import java.util.Set;

/**
 * What a portal may configure on this agent: an explicit list of PIDs and, per PID, the keys. What a
 * dealer runs a site with (its ranges and credential profiles, when scans run, the remote-UI switch,
 * the log mode, tuning of reads) is here; anything that names a file or directory, a command line, a
 * listening socket, the portal connection itself or a safety limit of the site (such as how large a
 * site may be, or whether public ranges may be scanned) is not, so a compromised portal can neither
 * choose what the agent executes or reads from disk, nor redirect its uploads, nor widen what it scans
 * beyond what the site's administrator allowed. See docs/upload.md.
 */
final class PortalSettable {

    /** PID (a factory PID for factory configurations) to the keys the portal may set. */
    static final Map<String, Set<String>> KEYS = Map.ofEntries(
            Map.entry("org.printscout.discovery.site", Set.of("name", "ranges", "port", "profile", "enabled")),
            Map.entry("org.printscout.snmp.profile", Set.of("name", "order", "version", "community", "user", "level",
                    "authProtocol", "authPassphrase", "privProtocol", "privPassphrase", "context", "timeoutMillis", "retries",
                    "maxVarbinds", "maxRepetitions")),
            Map.entry("org.printscout.scheduler", Set.of("meterScanEnabled", "meterScanTime", "timeZone", "statusIntervalMinutes",
                    "statusConcurrency", "commandPollSeconds")),
            Map.entry("org.printscout.discovery", Set.of("maxAddressesInFlight", "maxReadingsInFlight", "ping", "pingTimeoutMillis",
                    "pingThreads", "recognitionMaxRows")),
            Map.entry("org.printscout.snmp", Set.of("maxInFlight", "defaultTimeoutMillis", "defaultRetries", "defaultMaxVarbinds",
                    "defaultMaxRepetitions")),
            Map.entry("org.printscout.collector", Set.of("mapperTimeoutMillis", "maxRowsPerTable", "maxWalkSeconds",
                    "maxColumnsPerRequest", "mapperThreads")),
            Map.entry("org.printscout.logging", Set.of("mode", "maxFileKib", "filesKept")),
            Map.entry("org.printscout.command", Set.of("timeLimitSeconds", "maxUndelivered")),
            Map.entry("org.printscout.command.walk", Set.of("maxRows", "maxSeconds")),
            Map.entry("org.printscout.inventory", Set.of("maxPreviousAddresses")),
            // The remote UI's switch and what takes the portal's requests; the limits on tunnels
            // (org.printscout.remoteui.tunnels: how many, how long, which ports) are the site's own.
            Map.entry("org.printscout.remoteui", Set.of("enabled", "brokerUri", "brokerUsername", "brokerPassword", "trustedCertificates",
                    "requestKey", "tunnelHostKeys", "tunnelUser")));

    /** Factory PIDs: their configurations are named, {@code FACTORY_PID~NAME}. */
    static final Set<String> FACTORIES = Set.of("org.printscout.discovery.site", "org.printscout.snmp.profile");

    private PortalSettable() {
    }

    /** Why the portal may not set this key of this configuration, or null when it may. */
    static String refusal(String name, String key) {
        int tilde = name.indexOf('~');
        String pid = tilde < 0 ? name : name.substring(0, tilde);
        Set<String> keys = KEYS.get(pid);
        if (keys == null) {
            return "the portal may not configure " + pid + " (it may configure " + String.join(", ", new java.util.TreeSet<>(KEYS.keySet())) + ")";
        }
        if (FACTORIES.contains(pid) != (tilde > 0)) {
            return FACTORIES.contains(pid) ? pid + " is a factory configuration: name it " + pid + "~NAME"
                    : pid + " is not a factory configuration: it takes no ~NAME";
        }
        if (key != null && !keys.contains(key)) {
            return "the portal may not set key '" + key + "' of " + pid + " (it may set " + String.join(", ", new java.util.TreeSet<>(keys)) + ")";
        }
        return null;
    }
}
