package org.printscout.snmp.internal;

import java.io.IOException;
import java.net.DatagramPacket;
import java.nio.ByteBuffer;

import org.snmp4j.TransportStateReference;
import org.snmp4j.smi.UdpAddress;
import org.snmp4j.transport.DefaultUdpTransportMapping;

/** SNMP4J's UDP transport with datagram and byte counters. */
final class CountingUdpTransport extends DefaultUdpTransportMapping {

    private final Traffic traffic;

    CountingUdpTransport(UdpAddress listenAddress, Traffic traffic) throws IOException {
        super(listenAddress);
        this.traffic = traffic;
    }

    @Override
    public void sendMessage(UdpAddress targetAddress, byte[] message, TransportStateReference tmStateReference,
                            long timeoutMillis, int maxRetries) throws IOException {
        super.sendMessage(targetAddress, message, tmStateReference, timeoutMillis, maxRetries);
        traffic.requestsSent.increment();
        traffic.bytesSent.add(message.length);
    }

    @Override
    protected void fireProcessMessage(DatagramPacket packet, ByteBuffer message, TransportStateReference tmStateReference) {
        traffic.responsesReceived.increment();
        traffic.bytesReceived.add(packet.getLength());
        super.fireProcessMessage(packet, message, tmStateReference);
    }
}
