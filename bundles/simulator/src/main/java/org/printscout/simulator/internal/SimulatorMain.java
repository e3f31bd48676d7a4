package org.printscout.simulator.internal;

import java.io.IOException;
import java.io.PrintStream;
import java.net.InetAddress;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.function.Consumer;
import java.util.stream.Collectors;

import org.printscout.api.snmp.Credential;
import org.printscout.api.snmp.Oid;
import org.printscout.simulator.Faults;
import org.printscout.simulator.RequestRecord;
import org.printscout.simulator.SimulatedDevice;
import org.printscout.simulator.Simulator;
import org.printscout.simulator.TrafficStatistics;

/**
 * The simulator as a program: {@code java -jar org.printscout.simulator-VERSION.jar --data DIR}
 * with the api and SNMP4J bundles beside the jar (its Class-Path names them), or
 * {@code java -cp simulator.jar:api.jar:snmp4j-wrapper.jar org.printscout.simulator.internal.SimulatorMain}.
 */
public final class SimulatorMain {

    static final String USAGE = String.join("\n",
            "usage: java -jar org.printscout.simulator.jar --data DIR_OR_FILE[,...] [options]",
            "",
            "where devices listen (default: --listen 127.0.0.1:" + Simulator.DEFAULT_PORT + "):",
            "  --listen HOST:PORT       one address, devices on successive ports from PORT (0: free ports)",
            "  --base IP                devices on successive addresses from IP (skipping .0 and .255) ...",
            "  --port PORT              ... all on this port (default " + Simulator.DEFAULT_PORT + "; 161 needs root)",
            "  --spacing N              ... one every N addresses (default 1), as on a real network",
            "  --count N                number of devices (default: one per recording; recordings are cycled,",
            "                           each repeat with its own serial numbers and MACs)",
            "credentials:",
            "  --community NAME         a community every device answers besides its recording's name",
            "                           (repeatable; default: public)",
            "  --no-extra-community     devices answer only their recording's name, as snmpsim does",
            "  --v3-user NAME[:AUTH:AUTHPASS[:PRIV:PRIVPASS]]   (repeatable; default",
            "                           simulator:MD5:auctoritas:DES:privatus); AUTH MD5, SHA, SHA-224..SHA-512;",
            "                           PRIV DES, 3DES, AES, AES-192, AES-256, AES-192C, AES-256C",
            "limits:",
            "  --max-varbinds N         most varbinds in a response (default 64 like snmpsim; 0: no limit)",
            "  --max-message-size B     largest response in bytes (default 65507)",
            "faults (random decisions are reproducible with --seed):",
            "  --latency DURATION       delay every response (e.g. 5ms)",
            "  --jitter DURATION        plus up to this much more",
            "  --loss P                 drop requests with probability P (e.g. 0.01)",
            "  --truncate P  --garbage P  --wrong-request-id P  --wrong-type P",
            "  --walk-loop-from OID     GETNEXT from this OID on does not move forward",
            "  --synthetic-table OID[:ROWS]   serve a generated table (default 100000 rows)",
            "  --seed N                 (default 0)",
            "wear (devices in use while the simulator runs):",
            "  --pages-per-hour N       prtMarkerLifeCount grows by N pages an hour (default 0: as recorded)",
            "  --supply-percent-per-hour P   supplies drain P % of their capacity an hour, refilled at 0",
            "other:",
            "  --workers N              threads answering requests (default 2)",
            "  --log-requests           print every request's OIDs",
            "  --help");

    private SimulatorMain() {
    }

    public static void main(String[] args) throws InterruptedException {
        Simulator simulator;
        try {
            simulator = run(args, System.out);
        } catch (IllegalArgumentException e) {
            System.err.println("error: " + e.getMessage());
            System.err.println();
            System.err.println(USAGE);
            System.exit(2);
            return;
        } catch (IOException e) {
            System.err.println("error: " + e.getMessage());
            System.exit(1);
            return;
        }
        if (simulator == null) {
            return;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            TrafficStatistics total = simulator.statistics();
            simulator.close();
            System.out.println("stopped: " + describe(total));
            stopped.countDown();
        }, "printscout-simulator-shutdown"));
        stopped.await();
    }

    /** Parses, starts and reports; returns null after --help. */
    static Simulator run(String[] args, PrintStream out) throws IOException {
        Options options = Options.parse(args);
        if (options.help) {
            out.println(USAGE);
            return null;
        }
        Consumer<RequestRecord> requestLog = options.logRequests ? record -> out.println(describe(record)) : null;
        Simulator simulator = options.plan().start(requestLog, warning -> out.println("warning: " + warning));
        for (SimulatedDevice device : simulator.devices()) {
            out.printf("%s:%d %s communities=%s engineId=%s%n", device.address().getAddress().getHostAddress(),
                    device.address().getPort(), device.name(), String.join(",", device.communities()),
                    HexFormat.of().formatHex(device.engineId()));
        }
        out.println(simulator.devices().size() + " simulated devices listening; Ctrl-C stops");
        return simulator;
    }

    static String describe(RequestRecord record) {
        return record.device() + "@" + SimulatorEngine.describe(record.deviceAddress()) + " " + record.version().netSnmpName()
                + " " + record.kind() + " " + record.oids().stream().map(Oid::toString).collect(Collectors.joining(" "));
    }

    static String describe(TrafficStatistics s) {
        return s.requests() + " requests (get " + s.getRequests() + ", getnext " + s.getNextRequests() + ", getbulk "
                + s.getBulkRequests() + ", set refused " + s.setsRefused() + "), " + s.varbindsRequested()
                + " varbinds asked, " + s.bytesIn() + " bytes in, " + s.bytesOut() + " bytes out";
    }

    /** The command line, checked. */
    static final class Options {
        boolean help;
        boolean logRequests;
        final List<Path> data = new ArrayList<>();
        InetAddress host;
        Integer port;
        boolean successivePorts;
        int count;
        int spacing = 1;
        final List<String> communities = new ArrayList<>();
        boolean noExtraCommunity;
        final List<Credential.Usm> users = new ArrayList<>();
        Faults faults = Faults.NONE;
        int maxVarbinds = Simulator.DEFAULT_MAX_RESPONSE_VARBINDS;
        int maxMessageSize = Simulator.MAX_UDP_PAYLOAD;
        long seed;
        int workers = 2;
        double pagesPerHour;
        double supplyPercentPerHour;

        static Options parse(String[] args) {
            Options o = new Options();
            boolean listen = false;
            boolean base = false;
            for (int i = 0; i < args.length; i++) {
                String option = args[i];
                switch (option) {
                    case "--help":
                    case "-h":
                        o.help = true;
                        return o;
                    case "--log-requests":
                        o.logRequests = true;
                        continue;
                    case "--no-extra-community":
                        o.noExtraCommunity = true;
                        continue;
                    default:
                        break;
                }
                if (i + 1 >= args.length) {
                    throw new IllegalArgumentException(option.startsWith("--") ? option + " needs a value"
                            : "unexpected argument '" + option + "'");
                }
                String value = args[++i];
                try {
                    switch (option) {
                        case "--data":
                            for (String path : value.split(",")) {
                                if (!path.isBlank()) {
                                    o.data.add(Path.of(path.strip()));
                                }
                            }
                            break;
                        case "--listen": {
                            int colon = value.lastIndexOf(':');
                            if (colon < 0) {
                                throw new IllegalArgumentException("--listen needs HOST:PORT");
                            }
                            o.host = FleetPlan.parseAddress(value.substring(0, colon));
                            o.port = Integer.parseInt(value.substring(colon + 1));
                            o.successivePorts = true;
                            listen = true;
                            break;
                        }
                        case "--base":
                            o.host = FleetPlan.parseAddress(value);
                            o.successivePorts = false;
                            base = true;
                            break;
                        case "--port":
                            o.port = Integer.parseInt(value);
                            break;
                        case "--count":
                            o.count = Integer.parseInt(value);
                            break;
                        case "--spacing":
                            o.spacing = Integer.parseInt(value);
                            break;
                        case "--community":
                            o.communities.add(value);
                            break;
                        case "--v3-user":
                            o.users.add(FleetPlan.parseUsmUser(value));
                            break;
                        case "--max-varbinds":
                            o.maxVarbinds = Integer.parseInt(value);
                            break;
                        case "--max-message-size":
                            o.maxMessageSize = Integer.parseInt(value);
                            break;
                        case "--latency":
                            o.faults = o.faults.withLatency(FleetPlan.parseDuration(value), o.faults.jitter());
                            break;
                        case "--jitter":
                            o.faults = o.faults.withLatency(o.faults.latency(), FleetPlan.parseDuration(value));
                            break;
                        case "--loss":
                            o.faults = o.faults.withLoss(Double.parseDouble(value));
                            break;
                        case "--truncate":
                            o.faults = o.faults.withTruncation(Double.parseDouble(value));
                            break;
                        case "--garbage":
                            o.faults = o.faults.withGarbage(Double.parseDouble(value));
                            break;
                        case "--wrong-request-id":
                            o.faults = o.faults.withWrongRequestId(Double.parseDouble(value));
                            break;
                        case "--wrong-type":
                            o.faults = o.faults.withWrongTypes(Double.parseDouble(value));
                            break;
                        case "--walk-loop-from":
                            o.faults = o.faults.withWalkLoopFrom(Oid.parse(value));
                            break;
                        case "--synthetic-table":
                            o.faults = o.faults.withSyntheticTable(FleetPlan.parseSyntheticTable(value));
                            break;
                        case "--seed":
                            o.seed = Long.parseLong(value);
                            break;
                        case "--workers":
                            o.workers = Integer.parseInt(value);
                            break;
                        case "--pages-per-hour":
                            o.pagesPerHour = Double.parseDouble(value);
                            break;
                        case "--supply-percent-per-hour":
                            o.supplyPercentPerHour = Double.parseDouble(value);
                            break;
                        default:
                            throw new IllegalArgumentException("unknown option " + option);
                    }
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException(option + ": not a number: '" + value + "'");
                } catch (IllegalArgumentException e) {
                    throw new IllegalArgumentException(option + ": " + e.getMessage(), e);
                }
            }
            if (listen && base) {
                throw new IllegalArgumentException("use either --listen (successive ports) or --base (successive addresses)");
            }
            if (o.data.isEmpty()) {
                throw new IllegalArgumentException("--data is required");
            }
            if (o.host == null) {
                o.host = InetAddress.getLoopbackAddress();
                o.successivePorts = true;
            }
            return o;
        }

        FleetPlan plan() {
            List<String> extra = noExtraCommunity ? List.of() : communities.isEmpty() ? List.of("public") : communities;
            List<Credential.Usm> v3Users = users.isEmpty() ? List.of(Simulator.DEFAULT_USM_USER) : users;
            return new FleetPlan(data, host, port == null ? Simulator.DEFAULT_PORT : port, successivePorts, count, spacing, extra,
                    v3Users, faults, maxVarbinds, maxMessageSize, seed, workers, new Wear(pagesPerHour, supplyPercentPerHour));
        }
    }
}
