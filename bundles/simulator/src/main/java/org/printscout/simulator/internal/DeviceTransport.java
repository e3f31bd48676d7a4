package org.printscout.simulator.internal;

import java.net.InetSocketAddress;

import org.printscout.simulator.Simulator;
import org.snmp4j.TransportMapping;
import org.snmp4j.TransportStateReference;
import org.snmp4j.smi.Address;
import org.snmp4j.smi.UdpAddress;
import org.snmp4j.transport.TransportListener;

/**
 * The face of a device's socket that SNMP4J sends through. It does not listen: the simulator's one
 * selector thread reads every device's socket and hands datagrams to the device's dispatcher, which
 * is what lets a thousand devices run without a thousand listener threads.
 */
final class DeviceTransport implements TransportMapping<UdpAddress> {

    private final DeviceAgent device;

    DeviceTransport(DeviceAgent device) {
        this.device = device;
    }

    @Override
    public Class<? extends Address> getSupportedAddressClass() {
        return UdpAddress.class;
    }

    @Override
    public UdpAddress getListenAddress() {
        InetSocketAddress address = device.address();
        return new UdpAddress(address.getAddress(), address.getPort());
    }

    @Override
    public void sendMessage(UdpAddress address, byte[] message, TransportStateReference tmStateReference,
                            long timeoutMillis, int maxRetries) {
        device.send(message, new InetSocketAddress(address.getInetAddress(), address.getPort()));
    }

    @Override
    public void addTransportListener(TransportListener transportListener) {
        throw new UnsupportedOperationException("the simulator's selector feeds the device's dispatcher directly");
    }

    @Override
    public void removeTransportListener(TransportListener transportListener) {
        throw new UnsupportedOperationException("the simulator's selector feeds the device's dispatcher directly");
    }

    /** The socket belongs to the simulator, which closes it. */
    @Override
    public void close() {
    }

    /** The simulator's selector listens for every device. */
    @Override
    public void listen() {
    }

    @Override
    public boolean isListening() {
        return device.channel().isOpen();
    }

    /** What the device accepts: any UDP datagram (it also goes into a v3 response's msgMaxSize). */
    @Override
    public int getMaxInboundMessageSize() {
        return Simulator.MAX_UDP_PAYLOAD;
    }

    @Override
    public int getMaxOutboundMessageSize() {
        return device.maxMessageSize();
    }
}
