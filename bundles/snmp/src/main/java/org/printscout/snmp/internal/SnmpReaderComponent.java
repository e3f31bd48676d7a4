package org.printscout.snmp.internal;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.ForkJoinWorkerThread;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.Supplier;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.log.Logger;
import org.osgi.service.log.LoggerFactory;
import org.osgi.service.metatype.annotations.Designate;
import org.printscout.api.snmp.Oid;
import org.printscout.api.snmp.SnmpReader;
import org.printscout.api.snmp.SnmpTarget;
import org.printscout.api.snmp.VarBind;
import org.printscout.api.snmp.WalkLimits;
import org.printscout.api.snmp.WalkResult;

/**
 * The {@link SnmpReader} service: one SNMP4J session for the whole agent. A configuration change
 * restarts the session; requests in flight at that moment fail with cause TRANSPORT.
 *
 * <p>Results are handed to callers on the component's worker threads, never on SNMP4J's listener
 * thread, so a caller's slow continuation cannot hold up the answers of every other device.
 */
@Component(service = SnmpReader.class, configurationPid = ProfileDefaults.PID, immediate = true)
@Designate(ocd = ReaderConfig.class)
public final class SnmpReaderComponent implements SnmpReader {

    private final ExecutorService workers;
    private final Snmp4jSession session;
    private final ReadOperations operations;

    @Activate
    public SnmpReaderComponent(@Reference(service = LoggerFactory.class) Logger log, Map<String, Object> properties)
            throws IOException {
        ConfigValues config = new ConfigValues(ProfileDefaults.PID, properties);
        int maxInFlight = config.integer("maxInFlight", 4096, 1, 65535);
        int listenPort = config.integer("listenPort", 0, 0, 65535);
        int receiveBufferKib = config.integer("receiveBufferKib", 1024, 0, 65536);
        int sockets = config.integer("sockets", 4, 1, 16);
        int workerThreads = config.integer("workerThreads", 2, 1, 64);
        int cacheSize = config.integer("cacheSize", 10_000, 16, 1_000_000);
        // read here only to report bad defaults once; the profiles component applies them
        ProfileDefaults.read(config);
        InetAddress listenAddress = null;
        String listenText = config.string("listenAddress", "");
        if (!listenText.isEmpty()) {
            try {
                listenAddress = InetAddress.getByName(listenText);
            } catch (UnknownHostException e) {
                config.problem("listenAddress", "'" + listenText + "' is not an address of this host; listening on every address");
            }
        }
        config.problems().forEach(problem -> log.error(problem + "; the default is used"));

        this.workers = new ForkJoinPool(workerThreads, SnmpReaderComponent::thread, null, true);
        Snmp4jSession.Settings settings = new Snmp4jSession.Settings(listenAddress, listenPort, maxInFlight,
                receiveBufferKib * 1024, cacheSize, sockets);
        Snmp4jSession opened;
        try {
            opened = new Snmp4jSession(settings, workers);
        } catch (IOException e) {
            if (listenAddress == null && listenPort == 0) {
                workers.shutdown();
                throw e;
            }
            log.error(ProfileDefaults.PID + ": keys 'listenAddress'/'listenPort': cannot listen on "
                    + (listenAddress == null ? "*" : listenAddress.getHostAddress()) + ":" + listenPort
                    + " (" + e.getMessage() + "); listening on a free port of every address instead");
            opened = new Snmp4jSession(new Snmp4jSession.Settings(null, 0, maxInFlight, receiveBufferKib * 1024,
                    cacheSize, sockets), workers);
        }
        this.session = opened;
        this.operations = new ReadOperations(session, cacheSize);
        InetSocketAddress local = session.localAddress();
        String host = local.getAddress().isAnyLocalAddress() ? "*" : local.getAddress().getHostAddress();
        log.info("SNMP session listening on UDP " + host + " port " + local.getPort() + ", at most " + maxInFlight
                + " requests in flight" + (session.sockets() > 1 ? ", " + (session.sockets() - 1) + " more socket(s) on free ports" : ""));
    }

    /**
     * The workers are a fork-join pool because a caller may well block in a continuation (join() on
     * another read); a fork-join pool adds a thread for such a wait instead of running out of workers
     * while the results they wait for queue behind them.
     */
    private static ForkJoinWorkerThread thread(ForkJoinPool pool) {
        ForkJoinWorkerThread thread = ForkJoinPool.defaultForkJoinWorkerThreadFactory.newThread(pool);
        thread.setName("printscout-snmp-" + thread.getPoolIndex());
        return thread;
    }

    @Deactivate
    void deactivate() {
        session.close();
        workers.shutdown();
    }

    @Override
    public CompletionStage<List<VarBind>> get(SnmpTarget target, List<Oid> oids) {
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(oids, "oids");
        return deliver(target, () -> operations.get(target, oids));
    }

    @Override
    public CompletionStage<List<VarBind>> getNext(SnmpTarget target, List<Oid> oids) {
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(oids, "oids");
        return deliver(target, () -> operations.getNext(target, oids));
    }

    @Override
    public CompletionStage<List<VarBind>> getBulk(SnmpTarget target, int nonRepeaters, int maxRepetitions, List<Oid> oids) {
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(oids, "oids");
        return deliver(target, () -> operations.getBulk(target, nonRepeaters, maxRepetitions, oids));
    }

    @Override
    public CompletionStage<WalkResult> walk(SnmpTarget target, List<Oid> roots, WalkLimits limits) {
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(roots, "roots");
        Objects.requireNonNull(limits, "limits");
        return deliver(target, () -> operations.walk(target, roots, limits));
    }

    @Override
    public CompletionStage<WalkResult> walkFrom(SnmpTarget target, List<Oid> roots, List<Oid> after, WalkLimits limits) {
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(roots, "roots");
        Objects.requireNonNull(after, "after");
        Objects.requireNonNull(limits, "limits");
        if (roots.size() != after.size()) {
            throw new IllegalArgumentException(roots.size() + " roots but " + after.size() + " cursors");
        }
        for (int i = 0; i < roots.size(); i++) {
            if (!after.get(i).startsWith(roots.get(i))) {
                throw new IllegalArgumentException("cursor " + after.get(i) + " lies outside its root " + roots.get(i));
            }
        }
        return deliver(target, () -> operations.walkFrom(target, roots, after, limits));
    }

    @Override
    public TrafficCounters counters() {
        return session.counters();
    }

    private <T> CompletionStage<T> deliver(SnmpTarget target, Supplier<CompletableFuture<T>> operation) {
        CompletableFuture<T> result = new CompletableFuture<>();
        operation.get().whenComplete((value, error) -> {
            Runnable hand = () -> {
                if (error != null) {
                    result.completeExceptionally(Failures.unwrap(target, error));
                } else {
                    result.complete(value);
                }
            };
            try {
                workers.execute(hand);
            } catch (RejectedExecutionException stopped) {
                hand.run();
            }
        });
        return result;
    }
}
