package org.printscout.api.discovery;

import java.util.List;
import java.util.Objects;

/**
 * What to scan: address range entries (as a site configures them), the SNMP port, and the name of
 * the credential profile to try.
 *
 * @param site a name for messages and the inventory ("adhoc" for a scan from the shell)
 * @param ranges entries: {@code 10.0.0.7}, {@code 10.0.0.1-10.0.0.99}, {@code 10.0.0.0/22}, host
 *        names, IPv6 literals and prefixes, and exclusions ({@code !10.0.0.5}); an element may hold
 *        several entries separated by commas or line breaks
 */
public record ScanRequest(String site, List<String> ranges, int port, String profile) {
    public ScanRequest {
        Objects.requireNonNull(site, "site");
        Objects.requireNonNull(profile, "profile");
        ranges = List.copyOf(ranges);
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("port " + port + " is not between 1 and 65535");
        }
    }
}
