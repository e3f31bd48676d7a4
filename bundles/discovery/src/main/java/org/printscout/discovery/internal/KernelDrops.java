package org.printscout.discovery.internal;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * How many datagrams the kernel has dropped before they reached the wire, as a counter that only
 * grows. On Linux a datagram to an on-link address whose neighbour entry cannot be created (the
 * table holds net.ipv4.neigh.default.gc_thresh3 entries, 1 024 by default, none of them old enough
 * to reclaim) is dropped, and {@code sendto} still reports success unless the socket asked for
 * IP_RECVERR; the drop shows only in the kernel's counters. UDP {@code SndbufErrors} in
 * /proc/net/snmp counts it (ENOBUFS on a UDP socket of this network namespace), readable by any
 * user. {@code table_fulls} in /proc/net/stat/arp_cache counts it too, but for the host's one
 * neighbour table, so it moves with every container's and namespace's traffic: it is not used, or
 * a loopback scan would slow down for another namespace's flat network. Elsewhere (no such file)
 * the counter stays at 0 and only the stall of a full send buffer is seen
 * ({@link ProbeWindow#handedOver}).
 */
interface KernelDrops {

    /** Never counts anything. */
    KernelDrops NONE = () -> 0;

    /** Drops so far (since boot, or since whatever start the implementation has). */
    long count();

    /** The Linux counters under {@code proc} (normally /proc). */
    static KernelDrops linux(Path proc) {
        Path snmp = proc.resolve("net/snmp");
        if (!Files.isReadable(snmp)) {
            return NONE;
        }
        return () -> udpSndbufErrors(snmp);
    }

    private static long udpSndbufErrors(Path file) {
        List<String> lines = read(file);
        for (int i = 0; i + 1 < lines.size(); i++) {
            if (lines.get(i).startsWith("Udp:") && lines.get(i + 1).startsWith("Udp:")) {
                int column = List.of(lines.get(i).split("\\s+")).indexOf("SndbufErrors");
                String[] values = lines.get(i + 1).split("\\s+");
                if (column > 0 && column < values.length) {
                    try {
                        return Long.parseLong(values[column]);
                    } catch (NumberFormatException e) {
                        return 0;
                    }
                }
                return 0;
            }
        }
        return 0;
    }

    /** In one read from the start: procfs files have no size, and some answer a later offset with end of file. */
    private static List<String> read(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            return new String(in.readNBytes(1 << 16), StandardCharsets.US_ASCII).lines().toList();
        } catch (IOException e) {
            return List.of();
        }
    }
}
