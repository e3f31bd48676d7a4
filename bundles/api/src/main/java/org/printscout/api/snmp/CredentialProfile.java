package org.printscout.api.snmp;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * A named, ordered list of credentials to try on a device, each with its own patience: a discovery
 * probe tries {@link #entries()} in order and keeps the first that answers.
 *
 * @param name the profile's name, as sites and scan configurations refer to it
 * @param entries the credentials in the order to try them
 */
public record CredentialProfile(String name, List<Entry> entries) {

    public CredentialProfile {
        Objects.requireNonNull(name, "name");
        entries = List.copyOf(entries);
    }

    /** One target per entry, in order, for the device at {@code address}. */
    public List<SnmpTarget> targets(InetSocketAddress address) {
        return entries.stream().map(e -> e.target(address)).toList();
    }

    /**
     * One credential of a profile with the request settings to use with it.
     *
     * @param id a stable identifier of the entry (its configuration PID), so a caller can remember
     *           which entry a device answered to without keeping the secrets
     * @param order the position in the profile (lower first; entries with equal order keep id order)
     */
    public record Entry(String id, int order, Credential credential, Duration timeout, int retries,
                        int maxVarbindsPerRequest, int maxRepetitions) {

        public Entry {
            Objects.requireNonNull(id, "id");
            Objects.requireNonNull(credential, "credential");
            Objects.requireNonNull(timeout, "timeout");
        }

        public SnmpTarget target(InetSocketAddress address) {
            return new SnmpTarget(address, credential, timeout, retries, maxVarbindsPerRequest, maxRepetitions);
        }
    }
}
