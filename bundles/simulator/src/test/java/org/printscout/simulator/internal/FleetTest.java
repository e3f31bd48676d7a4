package org.printscout.simulator.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;
import org.printscout.api.snmp.Oid;
import org.printscout.api.snmp.SnmpValue;
import org.printscout.simulator.DeviceAddresses;
import org.printscout.simulator.Recording;
import org.printscout.simulator.SimulatedDevice;
import org.printscout.simulator.Simulator;
import org.snmp4j.PDU;
import org.snmp4j.Snmp;
import org.snmp4j.event.ResponseEvent;
import org.snmp4j.event.ResponseListener;
import org.snmp4j.smi.Address;
import org.snmp4j.smi.Null;
import org.snmp4j.smi.OID;
import org.snmp4j.smi.UdpAddress;
import org.snmp4j.smi.VariableBinding;

/** A thousand devices from the shared recordings, each on its own 127.0.x.y address. */
class FleetTest {

    static final Oid SYS_DESCR = Oid.parse("1.3.6.1.2.1.1.1.0");
    static final Oid PRT_GENERAL_SERIAL = Oid.parse("1.3.6.1.2.1.43.5.1.1.17.1");
    static final Oid IF_PHYS_ADDRESS = Oid.parse("1.3.6.1.2.1.2.2.1.6");

    @Test
    void aThousandDevicesOnDistinctAddressesAllAnswer() throws Exception {
        List<Recording> recordings = Recording.loadAll(List.of(TestData.printers()));
        List<InetSocketAddress> addresses = DeviceAddresses.successiveHosts(InetAddress.getByName("127.0.10.1"), 0, 1000);
        try (Simulator simulator = Simulator.builder().fleet(recordings, addresses).community("public").start();
             TestClient client = new TestClient(3000)) {
            List<SimulatedDevice> devices = simulator.devices();
            assertEquals(1000, devices.size());
            assertEquals(1000, devices.stream().map(d -> d.address().getAddress()).distinct().count());
            assertEquals("127.0.13.238", devices.get(999).address().getAddress().getHostAddress(),
                    ".0 and .255 are skipped");

            Map<InetSocketAddress, PDU> answers = new ConcurrentHashMap<>();
            CountDownLatch done = new CountDownLatch(devices.size());
            // at most 64 requests in flight, as a collector would: a burst of 1000 answers overflows
            // the client socket's receive buffer (the kernel drops, not the simulator)
            Semaphore inFlight = new Semaphore(64);
            ResponseListener listener = new ResponseListener() {
                @Override
                public <A extends Address> void onResponse(ResponseEvent<A> event) {
                    ((Snmp) event.getSource()).cancel(event.getRequest(), this);
                    UdpAddress peer = (UdpAddress) event.getUserObject();
                    if (event.getResponse() != null) {
                        answers.put(new InetSocketAddress(peer.getInetAddress(), peer.getPort()), event.getResponse());
                    }
                    inFlight.release();
                    done.countDown();
                }
            };
            for (SimulatedDevice device : devices) {
                inFlight.acquire();
                PDU pdu = new PDU();
                pdu.setType(PDU.GET);
                pdu.add(new VariableBinding(new OID(SYS_DESCR.toString())));
                client.snmp.send(pdu, client.v2c(device.address(), "public"), TestClient.udp(device.address()), listener);
            }
            assertTrue(done.await(30, TimeUnit.SECONDS));
            assertEquals(1000, answers.size(), simulator.statistics().toString());
            for (SimulatedDevice device : devices) {
                PDU answer = answers.get(device.address());
                assertNotNull(answer, device.toString());
                Optional<SnmpValue> expected = device.served().get(SYS_DESCR);
                if (expected.isPresent()) {
                    assertEquals(expected.get(), TestClient.value(answer.get(0).getVariable()), device.toString());
                } else {
                    assertEquals(Null.noSuchObject, answer.get(0).getVariable(), device + " has no sysDescr");
                }
            }
            assertEquals(1000, simulator.statistics().getRequests());

            // the recording's own name is still each device's community, repeats included
            SimulatedDevice repeat = devices.get(recordings.size() + 3);
            assertEquals(recordings.get(3).name(), repeat.name());
            assertNotNull(client.send(client.v2c(repeat.address(), repeat.name()), PDU.GET, SYS_DESCR.toString()));
        }
    }

    @Test
    void repeatsOfARecordingHaveTheirOwnSerialNumbersAndMacs() throws IOException {
        Recording canon = Recording.load(TestData.printers().resolve("canonprinter_lbp.snmprec"));
        List<InetSocketAddress> addresses = DeviceAddresses.successivePorts(InetAddress.getLoopbackAddress(), 0, 40);
        try (Simulator simulator = Simulator.builder().fleet(List.of(canon), addresses).start()) {
            Set<String> serials = new HashSet<>();
            Set<String> macs = new HashSet<>();
            for (SimulatedDevice device : simulator.devices()) {
                serials.add(device.served().text(PRT_GENERAL_SERIAL).orElseThrow());
                macs.add(device.served().column(IF_PHYS_ADDRESS).values().stream().map(SnmpValue::asHex)
                        .collect(Collectors.joining(",")));
            }
            assertEquals(40, serials.size(), serials.toString());
            assertEquals(40, macs.size());
            assertEquals("MKRA012345", simulator.devices().get(0).served().text(PRT_GENERAL_SERIAL).orElseThrow(),
                    "the first device is the recording as it is");
            assertEquals("MKRA01S001", simulator.devices().get(1).served().text(PRT_GENERAL_SERIAL).orElseThrow());
            String firstMac = simulator.devices().get(0).served().column(IF_PHYS_ADDRESS).firstEntry().getValue().asHex();
            String secondMac = simulator.devices().get(1).served().column(IF_PHYS_ADDRESS).firstEntry().getValue().asHex();
            assertEquals(firstMac.substring(0, 6), secondMac.substring(0, 6), "the vendor prefix stays");
            assertNotEquals(firstMac, secondMac);
        }
    }
}
