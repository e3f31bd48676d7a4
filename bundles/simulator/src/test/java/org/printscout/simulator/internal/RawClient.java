package org.printscout.simulator.internal;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.util.Arrays;

import org.snmp4j.PDU;
import org.snmp4j.asn1.BER;
import org.snmp4j.asn1.BERInputStream;
import org.snmp4j.asn1.BEROutputStream;
import org.snmp4j.mp.SnmpConstants;
import org.snmp4j.smi.Integer32;
import org.snmp4j.smi.OID;
import org.snmp4j.smi.OctetString;
import org.snmp4j.smi.VariableBinding;

/** Sends hand-encoded v2c requests over a plain socket and returns the raw answer, spoilt or not. */
final class RawClient implements AutoCloseable {

    private final DatagramSocket socket;

    RawClient(int timeoutMillis) throws IOException {
        socket = new DatagramSocket(0, InetAddress.getLoopbackAddress());
        socket.setSoTimeout(timeoutMillis);
    }

    static byte[] v2cGet(String community, int requestId, String oid) throws IOException {
        PDU pdu = new PDU();
        pdu.setType(PDU.GET);
        pdu.setRequestID(new Integer32(requestId));
        pdu.add(new VariableBinding(new OID(oid)));
        Integer32 version = new Integer32(SnmpConstants.version2c);
        OctetString communityString = new OctetString(community);
        int length = version.getBERLength() + communityString.getBERLength() + pdu.getBERLength();
        BEROutputStream out = new BEROutputStream(ByteBuffer.allocate(length + BER.getBERLengthOfLength(length) + 1));
        BER.encodeHeader(out, BER.SEQUENCE, length);
        version.encodeBER(out);
        communityString.encodeBER(out);
        pdu.encodeBER(out);
        return out.getBuffer().array();
    }

    static PDU decode(byte[] message) throws IOException {
        BERInputStream in = new BERInputStream(ByteBuffer.wrap(message));
        BER.decodeHeader(in, new BER.MutableByte());
        new Integer32().decodeBER(in);
        new OctetString().decodeBER(in);
        PDU pdu = new PDU();
        pdu.decodeBER(in);
        return pdu;
    }

    /** The answer's bytes, or null when none came in time. */
    byte[] exchange(InetSocketAddress device, byte[] request) throws IOException {
        socket.send(new DatagramPacket(request, request.length, device));
        byte[] buffer = new byte[65_536];
        DatagramPacket answer = new DatagramPacket(buffer, buffer.length);
        try {
            socket.receive(answer);
        } catch (SocketTimeoutException silence) {
            return null;
        }
        return Arrays.copyOf(buffer, answer.getLength());
    }

    @Override
    public void close() {
        socket.close();
    }
}
