package org.printscout.simulator.internal;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.printscout.api.snmp.Credential;
import org.printscout.api.snmp.Oid;
import org.printscout.simulator.DeviceAddresses;
import org.printscout.simulator.Faults;
import org.printscout.simulator.Recording;
import org.printscout.simulator.RequestRecord;
import org.printscout.simulator.Simulator;

/**
 * A fleet described in text settings, as the command line and ConfigAdmin give it: recordings from
 * files and directories, cycled over successive addresses (or ports) and started as one simulator.
 *
 * @param data {@code .snmprec} files and directories
 * @param host the first address
 * @param port the port of every device, or the first port when {@code successivePorts}
 * @param successivePorts devices on one address and successive ports instead of successive addresses
 * @param count number of devices, 0 for one per recording
 * @param spacing successive addresses: a device every {@code spacing} addresses (1: every address)
 * @param communities communities every device answers besides its recording's name
 * @param usmUsers the SNMPv3 users
 * @param faults faults of every device
 * @param maxResponseVarbinds most varbinds in a response, 0 for no limit
 * @param maxMessageSize largest response in bytes
 * @param seed seeds the faults' random decisions
 * @param workerThreads threads answering requests
 * @param wear pages per hour and supplies' percent per hour while the fleet runs
 */
record FleetPlan(List<Path> data, InetAddress host, int port, boolean successivePorts, int count, int spacing,
                        List<String> communities, List<Credential.Usm> usmUsers, Faults faults,
                        int maxResponseVarbinds, int maxMessageSize, long seed, int workerThreads, Wear wear) {

    private static final Pattern DOTTED_QUAD = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");
    private static final Pattern DURATION = Pattern.compile("(\\d+(?:\\.\\d+)?)\\s*(us|ms|s|m)?");
    static final int DEFAULT_SYNTHETIC_ROWS = 100_000;

    public FleetPlan {
        data = List.copyOf(data);
        communities = List.copyOf(communities);
        usmUsers = List.copyOf(usmUsers);
        if (data.isEmpty()) {
            throw new IllegalArgumentException("data: no recordings given");
        }
        if (count < 0) {
            throw new IllegalArgumentException("count must not be negative, got " + count);
        }
        Objects.requireNonNull(wear, "wear");
    }

    /**
     * Loads the recordings and starts the simulator. {@code warnings} hears of every recording line
     * that could not be read (the line is left out, the device still runs).
     */
    Simulator start(Consumer<RequestRecord> requestLog, Consumer<String> warnings) throws IOException {
        List<Recording> recordings = Recording.loadAll(data);
        if (recordings.isEmpty()) {
            throw new IOException("no .snmprec recordings in " + data);
        }
        for (Recording recording : recordings) {
            recording.skippedLines().forEach(line -> warnings.accept("skipped " + line));
        }
        int devices = count == 0 ? recordings.size() : count;
        List<InetSocketAddress> addresses = successivePorts
                ? DeviceAddresses.successivePorts(host, port, devices)
                : DeviceAddresses.spacedHosts(host, port, devices, spacing);
        Simulator.Builder builder = Simulator.builder()
                .fleet(recordings, addresses)
                .faults(faults)
                .maxResponseVarbinds(maxResponseVarbinds)
                .maxMessageSize(maxMessageSize)
                .seed(seed)
                .workerThreads(workerThreads)
                .wear(wear.pagesPerHour(), wear.supplyPercentPerHour())
                .withoutDefaultUsmUser();
        communities.forEach(builder::community);
        usmUsers.forEach(builder::usmUser);
        if (requestLog != null) {
            builder.onRequest(requestLog);
        }
        return builder.start();
    }

    /** {@code 5ms}, {@code 1.5s}, {@code 200us}, {@code 1m}; a bare number is milliseconds. */
    static Duration parseDuration(String text) {
        Matcher m = DURATION.matcher(text.strip().toLowerCase(Locale.ROOT));
        if (!m.matches()) {
            throw new IllegalArgumentException("not a duration: '" + text + "' (use e.g. 5ms, 1.5s, 200us)");
        }
        double amount = Double.parseDouble(m.group(1));
        String unit = m.group(2) == null ? "ms" : m.group(2);
        double nanosPerUnit;
        switch (unit) {
            case "us":
                nanosPerUnit = 1e3;
                break;
            case "s":
                nanosPerUnit = 1e9;
                break;
            case "m":
                nanosPerUnit = 60e9;
                break;
            default:
                nanosPerUnit = 1e6;
                break;
        }
        return Duration.ofNanos(Math.round(amount * nanosPerUnit));
    }

    /** {@code OID} or {@code OID:ROWS} (100 000 rows when not given). */
    static Faults.SyntheticTable parseSyntheticTable(String text) {
        int colon = text.indexOf(':');
        if (colon < 0) {
            return new Faults.SyntheticTable(Oid.parse(text), DEFAULT_SYNTHETIC_ROWS);
        }
        return new Faults.SyntheticTable(Oid.parse(text.substring(0, colon)),
                Integer.parseInt(text.substring(colon + 1).strip()));
    }

    /** An IP address or host name; a dotted quad is checked here so a typo is not sent to DNS. */
    static InetAddress parseAddress(String text) {
        String address = text.strip();
        if (address.isEmpty()) {
            throw new IllegalArgumentException("no address given");
        }
        if (DOTTED_QUAD.matcher(address).matches()) {
            for (String octet : address.split("\\.")) {
                if (Integer.parseInt(octet) > 255) {
                    throw new IllegalArgumentException("not an IPv4 address: '" + text + "'");
                }
            }
        }
        try {
            return InetAddress.getByName(address);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("unknown host '" + text + "'");
        }
    }

    static Credential.Usm parseUsmUser(String spec) {
        return UsmUsers.parse(spec);
    }
}
