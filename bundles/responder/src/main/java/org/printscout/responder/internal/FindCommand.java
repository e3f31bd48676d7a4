package org.printscout.responder.internal;

import java.net.InetAddress;
import java.time.Duration;
import java.util.List;

import org.apache.felix.service.command.Descriptor;
import org.apache.felix.service.command.Parameter;
import org.osgi.service.component.annotations.Component;

/** {@code responder:find [ADDRESS] [--port N] [--timeout MS]}: the boxes that answer a probe, one line each. */
@Component(service = FindCommand.class, property = {"osgi.command.scope=responder", "osgi.command.function=find"})
public final class FindCommand {

    @Descriptor("send a PrintScout probe and list the boxes that answer")
    public List<ProbeClient.Found> find(
            @Descriptor("UDP port") @Parameter(names = "--port", absentValue = "23999") int port,
            @Descriptor("how long to wait for answers (ms)") @Parameter(names = "--timeout", absentValue = "2000") long timeoutMillis,
            @Descriptor("where to send the probe (default: the LAN broadcast 255.255.255.255)") String... address) throws Exception {
        String target = address.length == 0 ? "255.255.255.255" : address[0];
        return ProbeClient.find(InetAddress.getByName(target), port, Duration.ofMillis(timeoutMillis));
    }
}
