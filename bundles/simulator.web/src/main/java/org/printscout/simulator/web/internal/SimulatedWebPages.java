package org.printscout.simulator.web.internal;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.log.Logger;
import org.osgi.service.log.LoggerFactory;
import org.osgi.service.metatype.annotations.Designate;
import org.printscout.simulator.SimulatedDevice;
import org.printscout.simulator.Simulator;

/**
 * Serves the simulated printers' own web pages ({@link PrinterPage}) with Jetty, one listening
 * socket per printer address, for the printers of every running {@link Simulator}. The set of
 * sockets follows the simulators: it is rebuilt when one comes or goes. A printer whose address
 * cannot be bound (port taken, no right to bind port 80) is logged and skipped; the others serve.
 */
@Component(configurationPid = "org.printscout.simulator.web", configurationPolicy = ConfigurationPolicy.REQUIRE, immediate = true)
@Designate(ocd = SimulatedWebConfiguration.class)
public final class SimulatedWebPages {

    private final SimulatedWebConfiguration config;
    private final Logger log;
    private final List<Simulator> simulators = new CopyOnWriteArrayList<>();
    private Server server;
    private boolean active;

    @Activate
    public SimulatedWebPages(SimulatedWebConfiguration config, @Reference(service = LoggerFactory.class) Logger log) {
        this.config = config;
        this.log = log;
    }

    /** After the references bound at start-up: only now is the set of simulators complete enough to bind. */
    @Activate
    synchronized void start() {
        active = true;
        restart();
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC, policyOption = ReferencePolicyOption.GREEDY)
    synchronized void addSimulator(Simulator simulator) {
        simulators.add(simulator);
        restart();
    }

    synchronized void removeSimulator(Simulator simulator) {
        simulators.remove(simulator);
        restart();
    }

    @Deactivate
    synchronized void stop() {
        active = false;
        stopServer();
    }

    private void restart() {
        if (!active) {
            return;
        }
        stopServer();
        // one page per address (a "ports" layout puts several devices on one address: the first one serves)
        Map<String, SimulatedDevice> byAddress = new LinkedHashMap<>();
        for (Simulator simulator : simulators) {
            for (SimulatedDevice device : simulator.devices()) {
                if (byAddress.size() < config.maxDevices()) {
                    byAddress.putIfAbsent(device.address().getAddress().getHostAddress(), device);
                }
            }
        }
        if (byAddress.isEmpty()) {
            return;
        }
        QueuedThreadPool threads = new QueuedThreadPool(Math.max(8, byAddress.size() + 6), 2);
        threads.setName("simulated-printer-web");
        Server fresh = new Server(threads);
        List<String> bound = new ArrayList<>();
        for (String address : byAddress.keySet()) {
            // no acceptor thread: the selector accepts; one selector per printer address
            ServerConnector connector = new ServerConnector(fresh, 0, 1);
            connector.setHost(address);
            connector.setPort(config.port());
            try {
                connector.open();
                fresh.addConnector(connector);
                bound.add(address);
            } catch (java.io.IOException e) {
                log.warn("simulated printer {}: no web page on port {}: {}", address, config.port(), e.toString());
            }
        }
        if (bound.isEmpty()) {
            return;
        }
        fresh.setHandler(new PrinterPage(byAddress));
        try {
            fresh.start();
            server = fresh;
            log.info("simulated printers' web pages on port {} of {} addresses: {} ... {}", config.port(), bound.size(), bound.get(0),
                    bound.get(bound.size() - 1));
        } catch (Exception e) {
            log.error("simulated printers' web pages did not start: {}", e.toString());
            try {
                fresh.stop();
            } catch (Exception stopping) {
                log.warn("simulated printers' web pages: stopping after a failed start: {}", stopping.toString());
            }
        }
    }

    private void stopServer() {
        if (server != null) {
            try {
                server.stop();
            } catch (Exception e) {
                log.warn("simulated printers' web pages did not stop cleanly: {}", e.toString());
            }
            server = null;
        }
    }
}
