package org.printscout.discovery.internal;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

import org.osgi.framework.ServiceReference;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.log.Logger;
import org.osgi.service.log.LoggerFactory;
import org.osgi.service.metatype.annotations.Designate;
import org.printscout.api.collect.DeviceReader;
import org.printscout.api.discovery.Discovery;
import org.printscout.api.discovery.DiscoveryResult;
import org.printscout.api.discovery.PrinterRecognizer;
import org.printscout.api.discovery.ScanListener;
import org.printscout.api.discovery.ScanProgress;
import org.printscout.api.discovery.ScanRequest;
import org.printscout.api.inventory.Inventory;
import org.printscout.api.mapper.Claims;
import org.printscout.api.mapper.Mapper;
import org.printscout.api.mapper.MapperClaims;
import org.printscout.api.snmp.CredentialProfiles;
import org.printscout.api.snmp.SnmpReader;
import org.printscout.api.status.StatusContributor;

/**
 * The {@link Discovery} service. Printer recognizers and vendor mappers are tracked as whiteboard
 * services (a mapper only by its properties: discovery never calls it), sites come from factory
 * configurations. A configuration change re-creates the component; scans in flight are stopped.
 */
@Component(configurationPid = "org.printscout.discovery", service = {Discovery.class, StatusContributor.class})
@Designate(ocd = DiscoveryConfig.class)
public final class DiscoveryComponent implements Discovery, StatusContributor {

    private final Logger log;
    private final Scanner scanner;
    private final Pinger pinger;
    private final List<PrinterRecognizer> recognizers = new CopyOnWriteArrayList<>();
    private final Map<ServiceReference<Mapper>, Claims> claims = new ConcurrentHashMap<>();
    private final Map<SiteComponent, Site> sites = new ConcurrentHashMap<>();
    private final List<Scanner.Run> running = new CopyOnWriteArrayList<>();
    private volatile DiscoveryResult last;
    private volatile String lastKernel;
    /** Moved on by {@link #cancel()}: a scanSites chain started before it does not start its remaining sites. */
    private final java.util.concurrent.atomic.AtomicLong cancellations = new java.util.concurrent.atomic.AtomicLong();

    @Activate
    public DiscoveryComponent(@Reference SnmpReader reader, @Reference DeviceReader deviceReader,
                              @Reference CredentialProfiles profiles, @Reference Inventory inventory,
                              @Reference(service = LoggerFactory.class) Logger log, DiscoveryConfig config) {
        this.log = log;
        this.pinger = Pinger.of(config.ping(), config.pingTimeoutMillis(), config.pingThreads(), config.pingCommand());
        this.scanner = new Scanner(reader, deviceReader, () -> recognizers, () -> List.copyOf(claims.values()),
                profiles::profile, inventory, pinger,
                new Scanner.Settings(config.maxAddressesInFlight(), config.maxReadingsInFlight(), config.recognitionMaxRows(),
                        new RangePolicy(config.allowPublicRanges(), config.maxSiteAddresses()), config.minAddressesInFlight(),
                        config.dropRetries()),
                log::warn, Clock.systemUTC(), config.watchKernelDrops() ? KernelDrops.linux(Path.of("/proc")) : KernelDrops.NONE);
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
    void addRecognizer(PrinterRecognizer recognizer) {
        recognizers.add(recognizer);
    }

    void removeRecognizer(PrinterRecognizer recognizer) {
        recognizers.remove(recognizer);
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
    void addMapper(ServiceReference<Mapper> mapper) {
        Map<String, Object> props = new java.util.HashMap<>();
        for (String key : mapper.getPropertyKeys()) {
            props.put(key, mapper.getProperty(key));
        }
        // the collector's rule (api Claims): a mapper with a malformed claim is refused, with the reason
        try {
            Claims c = Claims.fromProperties(props);
            if (!c.isEmpty()) {
                claims.put(mapper, c);
            }
        } catch (IllegalArgumentException e) {
            log.error("mapper '{}' not used to recognise printers: {}", props.getOrDefault(MapperClaims.NAME, "?"), e.getMessage());
        }
    }

    void removeMapper(ServiceReference<Mapper> mapper) {
        claims.remove(mapper);
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
    void addSite(SiteComponent site) {
        sites.put(site, site.site());
    }

    void removeSite(SiteComponent site) {
        sites.remove(site);
    }

    @Override
    public List<org.printscout.api.snmp.CredentialProfile.Entry> credentials(String profile) {
        try {
            return scanner.entries(profile);
        } catch (IllegalArgumentException e) {
            return List.of();
        }
    }

    @Override
    public List<ScanRequest> sites() {
        return sites.values().stream().filter(Site::enabled).sorted(Comparator.comparing(Site::pid))
                .map(Site::request).toList();
    }

    @Override
    public CompletionStage<DiscoveryResult> scanSites(ScanListener listener) {
        List<ScanRequest> requests = sites();
        Instant started = Instant.now();
        long generation = cancellations.get();
        CompletableFuture<List<DiscoveryResult>> chain = CompletableFuture.completedFuture(new ArrayList<>());
        for (ScanRequest request : requests) {
            chain = chain.thenCompose(results -> (cancellations.get() != generation
                    ? CompletableFuture.<DiscoveryResult>failedFuture(new IllegalStateException("not started: the scan was cancelled"))
                    : scan(request, listener)).handle((result, failure) -> {
                if (failure != null) {
                    results.add(new DiscoveryResult(new ScanProgress(request.site(), Instant.now(), 0, 0, 0, 0, 0), Instant.now(),
                            List.of(), List.of("site '" + request.site() + "': " + Scanner.message(failure))));
                } else {
                    results.add(result);
                }
                return results;
            }));
        }
        return chain.thenApply(results -> {
            long addresses = 0, done = 0, responding = 0, printers = 0, read = 0;
            List<org.printscout.api.model.DeviceReading> readings = new ArrayList<>();
            java.util.Set<String> reported = new java.util.HashSet<>();
            int overlapping = 0;
            List<String> problems = new ArrayList<>();
            if (requests.isEmpty()) {
                problems.add("no site is configured (org.printscout.discovery.site)");
            }
            for (DiscoveryResult r : results) {
                addresses += r.progress().addresses();
                done += r.progress().done();
                responding += r.progress().responding();
                printers += r.progress().printers();
                read += r.progress().read();
                for (org.printscout.api.model.DeviceReading reading : r.readings()) {
                    // sites whose ranges overlap read a device twice; the report carries it once
                    if (reported.add(reading.identity().address())) {
                        readings.add(reading);
                    } else {
                        overlapping++;
                    }
                }
                r.problems().forEach(p -> problems.add(r.progress().site() + ": " + p));
            }
            if (overlapping > 0) {
                problems.add(overlapping + " printer address(es) lie in more than one site's ranges; each is reported once");
            }
            return new DiscoveryResult(new ScanProgress("all sites", started, addresses, done, responding, printers, read),
                    Instant.now(), readings, problems);
        });
    }

    @Override
    public CompletionStage<DiscoveryResult> scan(ScanRequest request, ScanListener listener) {
        Scanner.Run run;
        try {
            run = scanner.start(request, listener);
        } catch (IllegalArgumentException e) {
            log.error("scan of site '{}' refused: {}", request.site(), e.getMessage());
            return CompletableFuture.failedFuture(e);
        }
        running.add(run);
        log.info("scan of site '{}' started: {} addresses", request.site(), run.progress().addresses());
        CompletableFuture<DiscoveryResult> answer = new CompletableFuture<>();
        // the caller cancelling its future (a shell that went away) cancels this scan only
        answer.whenComplete((result, failure) -> {
            if (answer.isCancelled()) {
                run.cancel();
            }
        });
        run.result().whenComplete((result, failure) -> {
            running.remove(run);
            if (run.adapted()) {
                log.warn("scan of site '{}': the kernel did not keep up with the probes (a flat network: every address is resolved "
                        + "with ARP), they were slowed down to what it accepted: {}. See docs/discovery.md, 'Flat networks'",
                        request.site(), run.kernelSummary());
            }
            lastKernel = run.adapted() ? run.kernelSummary() : null;
            if (result != null) {
                last = result;
                ScanProgress p = result.progress();
                log.info("scan of site '{}' done in {} s: {} addresses, {} answered, {} printers, {} read", request.site(),
                        Duration.between(p.started(), result.finished()).toSeconds(), p.done(), p.responding(), p.printers(), p.read());
                result.problems().forEach(problem -> log.warn("scan of site '{}': {}", request.site(), problem));
            } else {
                log.error("scan of site '{}' failed: {}", request.site(), Scanner.message(failure));
            }
            if (failure != null) {
                answer.completeExceptionally(failure);
            } else {
                answer.complete(result);
            }
        });
        return answer;
    }

    @Override
    public List<ScanProgress> cancel() {
        cancellations.incrementAndGet();
        List<ScanProgress> cancelled = new ArrayList<>();
        for (Scanner.Run run : running) {
            run.cancel();
            cancelled.add(run.progress());
        }
        if (!cancelled.isEmpty()) {
            log.info("scan cancelled: {}", String.join(", ", cancelled.stream().map(p -> p.site() + " after " + p.done() + " of "
                    + p.addresses() + " addresses").toList()));
        }
        return cancelled;
    }

    @Override
    public Optional<ScanProgress> current() {
        return running.stream().findFirst().map(Scanner.Run::progress);
    }

    @Override
    public String title() {
        return "discovery";
    }

    @Override
    public String text() {
        StringBuilder out = new StringBuilder();
        List<ScanRequest> configured = sites();
        out.append("sites: ").append(configured.isEmpty() ? "none configured"
                : String.join(", ", configured.stream().map(s -> s.site() + " (" + s.ranges().size() + " entries, port "
                + s.port() + ", profile " + s.profile() + ")").toList())).append('\n');
        for (Scanner.Run run : running) {
            ScanProgress p = run.progress();
            out.append(String.format(Locale.ROOT, "scanning: %s %d/%d addresses, %d answered, %d printers, %d read%n",
                    p.site(), p.done(), p.addresses(), p.responding(), p.printers(), p.read()));
            out.append("kernel: ").append(run.kernelSummary()).append('\n');
        }
        DiscoveryResult r = last;
        if (r != null) {
            ScanProgress p = r.progress();
            out.append(String.format(Locale.ROOT, "last scan: %s, %s at %s, %d s: %d addresses, %d answered, %d printers, %d read, %d problems%n",
                    p.site(), "finished", r.finished(), Duration.between(p.started(), r.finished()).toSeconds(), p.done(),
                    p.responding(), p.printers(), p.read(), r.problems().size()));
            String kernel = lastKernel;
            if (kernel != null) {
                out.append("last scan kernel (slowed down): ").append(kernel).append('\n');
            }
        } else {
            out.append("last scan: none since start\n");
        }
        return out.toString();
    }

    @Deactivate
    void deactivate() {
        running.forEach(Scanner.Run::cancel);
        pinger.close();
    }
}
