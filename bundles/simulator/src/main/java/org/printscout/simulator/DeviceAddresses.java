package org.printscout.simulator;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;

/** Address plans for a fleet: many loopback addresses on one port, or one address on many ports. */
public final class DeviceAddresses {

    private DeviceAddresses() {
    }

    /**
     * {@code count} IPv4 addresses from {@code first} upwards, all on {@code port}. Addresses ending
     * in {@code .0} or {@code .255} are skipped: they look like network and broadcast addresses, some
     * network stacks refuse to bind them even on loopback, and no real printer has one. So 1000
     * devices from 127.77.0.1 end at 127.77.3.238. Linux routes all of 127/8 to the loopback
     * interface, so any 127.x.y.z address works without configuration.
     */
    public static List<InetSocketAddress> successiveHosts(InetAddress first, int port, int count) {
        return spacedHosts(first, port, count, 1);
    }

    /**
     * {@code count} IPv4 addresses from {@code first}, one every {@code spacing} addresses (an address
     * ending in {@code .0} or {@code .255} gives way to the next one), all on {@code port}: a fleet
     * scattered over a large network, as printers are on a real site. Spacing 1 is
     * {@link #successiveHosts}.
     */
    public static List<InetSocketAddress> spacedHosts(InetAddress first, int port, int count, int spacing) {
        if (spacing < 1) {
            throw new IllegalArgumentException("spacing must be at least 1, got " + spacing);
        }
        if (!(first instanceof Inet4Address)) {
            throw new IllegalArgumentException("successive addresses need an IPv4 start address, got " + first);
        }
        checkPort(port);
        byte[] raw = first.getAddress();
        long next = ((raw[0] & 0xffL) << 24) | ((raw[1] & 0xffL) << 16) | ((raw[2] & 0xffL) << 8) | (raw[3] & 0xffL);
        List<InetSocketAddress> addresses = new ArrayList<>(count);
        while (addresses.size() < count) {
            if (next > 0xFFFF_FFFFL) {
                throw new IllegalArgumentException("not enough IPv4 addresses after " + first.getHostAddress()
                        + " for " + count + " devices");
            }
            int lastOctet = (int) (next & 0xff);
            if (lastOctet != 0 && lastOctet != 255) {
                byte[] octets = {(byte) (next >> 24), (byte) (next >> 16), (byte) (next >> 8), (byte) next};
                try {
                    addresses.add(new InetSocketAddress(InetAddress.getByAddress(octets), port));
                } catch (UnknownHostException impossible) {
                    throw new IllegalStateException(impossible);
                }
                next += spacing;
            } else {
                next++;
            }
        }
        return addresses;
    }

    /**
     * {@code count} ports on one address, from {@code firstPort} upwards; with {@code firstPort} 0
     * every device gets a free port chosen by the system (the bound port is in
     * {@link SimulatedDevice#address()}).
     */
    public static List<InetSocketAddress> successivePorts(InetAddress host, int firstPort, int count) {
        checkPort(firstPort);
        if (firstPort != 0 && firstPort + count - 1 > 65535) {
            throw new IllegalArgumentException("not enough ports after " + firstPort + " for " + count + " devices");
        }
        List<InetSocketAddress> addresses = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            addresses.add(new InetSocketAddress(host, firstPort == 0 ? 0 : firstPort + i));
        }
        return addresses;
    }

    private static void checkPort(int port) {
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port must be between 0 and 65535, got " + port);
        }
    }
}
