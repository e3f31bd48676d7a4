package org.printscout.simulator.internal;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Supplier;

import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.log.Logger;
import org.osgi.service.log.LoggerFactory;
import org.osgi.service.metatype.annotations.Designate;
import org.printscout.api.snmp.Credential;
import org.printscout.api.snmp.Oid;
import org.printscout.simulator.Faults;
import org.printscout.simulator.RequestRecord;
import org.printscout.simulator.SimulatedDevice;
import org.printscout.simulator.Simulator;
import org.printscout.simulator.TrafficStatistics;

/**
 * A simulated fleet per factory configuration of {@code org.printscout.simulator}, for the demo:
 * started when the configuration appears, restarted when it changes, stopped when it goes. It is
 * registered as a {@link Simulator} so other bundles (the shell, a demo page) can show its counters.
 */
@Component(configurationPid = "org.printscout.simulator", configurationPolicy = ConfigurationPolicy.REQUIRE,
        service = Simulator.class, immediate = true)
@Designate(ocd = SimulatorConfiguration.class, factory = true)
public final class SimulatorComponent implements Simulator {

    private final Simulator simulator;
    private final Logger log;

    @Activate
    public SimulatorComponent(SimulatorConfiguration config, BundleContext context,
                              @Reference(service = LoggerFactory.class) Logger log) throws IOException {
        this.log = log;
        FleetPlan plan;
        try {
            plan = plan(config, context.getProperty("printscout.home"));
        } catch (IllegalArgumentException e) {
            log.error("simulator configuration rejected: {}", e.getMessage());
            throw e;
        }
        Consumer<RequestRecord> requestLog = config.logRequests()
                ? record -> log.info("{}", SimulatorMain.describe(record)) : null;
        try {
            this.simulator = plan.start(requestLog, warning -> log.warn("{}", warning));
        } catch (IOException | IllegalArgumentException e) {
            log.error("simulator did not start: {}", e.getMessage());
            throw e;
        }
        List<SimulatedDevice> devices = simulator.devices();
        log.info("simulating {} devices from {} recordings: {} … {}", devices.size(), plan.data(),
                devices.get(0), devices.get(devices.size() - 1));
    }

    /** The configuration checked value by value, so a bad one is reported with the key it came from. */
    static FleetPlan plan(SimulatorConfiguration config, String home) {
        List<Path> data = new ArrayList<>();
        Path base = Path.of(home == null ? "." : home);
        for (String entry : config.data() == null ? new String[0] : config.data()) {
            if (!entry.isBlank()) {
                Path path = Path.of(entry.strip());
                data.add(path.isAbsolute() ? path : base.resolve(path));
            }
        }
        if (data.isEmpty()) {
            throw new IllegalArgumentException("data: give at least one .snmprec file or directory");
        }
        boolean successivePorts;
        switch (config.layout()) {
            case "addresses":
                successivePorts = false;
                break;
            case "ports":
                successivePorts = true;
                break;
            default:
                throw new IllegalArgumentException("layout: use 'addresses' or 'ports', not '" + config.layout() + "'");
        }
        List<Credential.Usm> users = new ArrayList<>();
        for (String spec : config._usmUsers() == null ? new String[0] : config._usmUsers()) {
            try {
                users.add(FleetPlan.parseUsmUser(spec));
            } catch (IllegalArgumentException e) {
                // the spec holds pass phrases: report the user name only
                throw new IllegalArgumentException(".usmUsers: user '" + spec.split(":", 2)[0] + "': " + e.getMessage(), e);
            }
        }
        List<String> communities = config.communities() == null ? List.of() : List.of(config.communities());
        return new FleetPlan(data, checked("address", () -> FleetPlan.parseAddress(config.address())), config.port(),
                successivePorts, config.count(), 1, communities, users, checked("faults", () -> faults(config)),
                config.maxResponseVarbinds(), config.maxMessageSize(), config.seed(), config.workerThreads(),
                wear(config));
    }

    private static Wear wear(SimulatorConfiguration config) {
        // one rate at a time, so a bad value is reported with its own key
        checked("wearPagesPerHour", () -> new Wear(config.wearPagesPerHour(), 0));
        checked("wearSupplyPercentPerHour", () -> new Wear(0, config.wearSupplyPercentPerHour()));
        return new Wear(config.wearPagesPerHour(), config.wearSupplyPercentPerHour());
    }

    private static Faults faults(SimulatorConfiguration config) {
        Faults faults = Faults.NONE
                .withLatency(Duration.ofMillis(config.latencyMillis()), Duration.ofMillis(config.jitterMillis()))
                .withLoss(config.lossProbability())
                .withTruncation(config.truncateProbability())
                .withGarbage(config.garbageProbability())
                .withWrongRequestId(config.wrongRequestIdProbability())
                .withWrongTypes(config.wrongTypeProbability());
        if (!config.walkLoopFrom().isBlank()) {
            faults = faults.withWalkLoopFrom(checked("walkLoopFrom", () -> Oid.parse(config.walkLoopFrom())));
        }
        if (!config.syntheticTable().isBlank()) {
            faults = faults.withSyntheticTable(checked("syntheticTable",
                    () -> FleetPlan.parseSyntheticTable(config.syntheticTable())));
        }
        return faults;
    }

    private static <T> T checked(String key, Supplier<T> parse) {
        try {
            return parse.get();
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(key + ": " + e.getMessage(), e);
        }
    }

    @Deactivate
    void stop() {
        TrafficStatistics total = simulator.statistics();
        simulator.close();
        log.info("simulator stopped: {}", SimulatorMain.describe(total));
    }

    @Override
    public List<SimulatedDevice> devices() {
        return simulator.devices();
    }

    @Override
    public Optional<SimulatedDevice> device(InetSocketAddress address) {
        return simulator.device(address);
    }

    @Override
    public TrafficStatistics statistics() {
        return simulator.statistics();
    }

    @Override
    public void setFaults(Faults faults) {
        simulator.setFaults(faults);
    }

    /** The component's life is DS's to end: {@link #stop()} runs when it is deactivated. */
    @Override
    public void close() {
        throw new UnsupportedOperationException("remove or change the configuration to stop this simulator");
    }
}
