package org.printscout.discovery.internal;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;

import org.printscout.api.collect.DeviceReader;
import org.printscout.api.discovery.DiscoveryResult;
import org.printscout.api.discovery.PrinterRecognizer;
import org.printscout.api.discovery.ScanListener;
import org.printscout.api.discovery.ScanProgress;
import org.printscout.api.discovery.ScanRequest;
import org.printscout.api.inventory.Inventory;
import org.printscout.api.inventory.KnownDevice;
import org.printscout.api.mapper.Claims;
import org.printscout.api.mapper.DeviceFacts;
import org.printscout.api.mapper.OidPlan;
import org.printscout.api.model.DeviceReading;
import org.printscout.api.snmp.Credential;
import org.printscout.api.snmp.CredentialProfile;
import org.printscout.api.snmp.Oid;
import org.printscout.api.snmp.SnmpReader;
import org.printscout.api.snmp.SnmpTarget;
import org.printscout.api.snmp.SnmpValue;
import org.printscout.api.snmp.SnmpVersion;
import org.printscout.api.snmp.Snapshot;
import org.printscout.api.snmp.VarBind;
import org.printscout.api.snmp.WalkLimits;

/**
 * Runs discovery scans. One thread per scan feeds addresses from the (lazy) ranges and blocks only
 * on the in-flight bound; every probe after that is a chain of asynchronous SNMP calls through the
 * shared {@link SnmpReader}, so thousands of addresses in flight cost map entries, not threads.
 *
 * <p>Per address: optional ping; a GET of sysDescr, sysObjectID and the recognizers' scalars with
 * each entry of the credential profile in order until one answers; a walk of the recognizers'
 * columns; the verdict; and for a printer a full reading through the {@link DeviceReader}, recorded
 * in the inventory with the id of the credential entry that worked.
 */
final class Scanner {

    static final Oid SYS_DESCR = Oid.parse("1.3.6.1.2.1.1.1.0");
    static final Oid SYS_OBJECT_ID = Oid.parse("1.3.6.1.2.1.1.2.0");

    /** Used when the profile "default" is not configured, as scout:read does. */
    static final String BUILTIN_ENTRY_ID = "builtin:v2c-public";

    /**
     * @param maxAddressesInFlight addresses in flight at most (first contacts, recognitions and readings together)
     * @param minAddressesInFlight the floor of the first contacts' window when the kernel does not keep up
     * @param dropRetries how often an address is probed again when the kernel dropped datagrams while it was silent
     */
    record Settings(int maxAddressesInFlight, int maxReadingsInFlight, int recognitionMaxRows, RangePolicy policy,
                    int minAddressesInFlight, int dropRetries) {
        Settings(int maxAddressesInFlight, int maxReadingsInFlight, int recognitionMaxRows, RangePolicy policy) {
            this(maxAddressesInFlight, maxReadingsInFlight, recognitionMaxRows, policy, 16, 3);
        }
    }

    /** Watched first sends without a drop after which the kernel's counter is only sampled. */
    private static final int WATCH_UNTIL_QUIET = 4096;

    /** Sampling period of the kernel's drop counters. */
    private static final long SAMPLE_NANOS = TimeUnit.MILLISECONDS.toNanos(100);

    private final SnmpReader reader;
    private final DeviceReader deviceReader;
    private final Supplier<List<PrinterRecognizer>> recognizers;
    private final Supplier<List<Claims>> vendorClaims;
    private final Function<String, Optional<CredentialProfile>> profiles;
    private final Inventory inventory;
    private final Pinger pinger;
    private final Settings settings;
    private final Consumer<String> warnings;
    private final Clock clock;
    private final KernelDrops kernel;

    Scanner(SnmpReader reader, DeviceReader deviceReader, Supplier<List<PrinterRecognizer>> recognizers,
            Supplier<List<Claims>> vendorClaims, Function<String, Optional<CredentialProfile>> profiles,
            Inventory inventory, Pinger pinger, Settings settings, Consumer<String> warnings, Clock clock) {
        this(reader, deviceReader, recognizers, vendorClaims, profiles, inventory, pinger, settings, warnings, clock,
                KernelDrops.NONE);
    }

    Scanner(SnmpReader reader, DeviceReader deviceReader, Supplier<List<PrinterRecognizer>> recognizers,
            Supplier<List<Claims>> vendorClaims, Function<String, Optional<CredentialProfile>> profiles,
            Inventory inventory, Pinger pinger, Settings settings, Consumer<String> warnings, Clock clock,
            KernelDrops kernel) {
        this.kernel = kernel;
        this.reader = reader;
        this.deviceReader = deviceReader;
        this.recognizers = recognizers;
        this.vendorClaims = vendorClaims;
        this.profiles = profiles;
        this.inventory = inventory;
        this.pinger = pinger;
        this.settings = settings;
        this.warnings = warnings;
        this.clock = clock;
    }

    /** The entries to try for a profile name; the built-in v2c 'public' stands in for a missing "default". */
    List<CredentialProfile.Entry> entries(String profileName) {
        Optional<CredentialProfile> profile = profiles.apply(profileName);
        if (profile.isPresent() && !profile.get().entries().isEmpty()) {
            return profile.get().entries();
        }
        if ("default".equals(profileName)) {
            return List.of(new CredentialProfile.Entry(BUILTIN_ENTRY_ID, 0, new Credential.Community(SnmpVersion.V2C, "public"),
                    SnmpTarget.DEFAULT_TIMEOUT, SnmpTarget.DEFAULT_RETRIES, SnmpTarget.DEFAULT_MAX_VARBINDS,
                    SnmpTarget.DEFAULT_MAX_REPETITIONS));
        }
        throw new IllegalArgumentException("no credential profile '" + profileName + "' is configured (org.printscout.snmp.profile)");
    }

    /**
     * Starts a scan on a thread of its own (the feeder) and returns at once. Fails at once when no
     * entry is valid or the profile does not exist.
     */
    Run start(ScanRequest request, ScanListener listener) {
        AddressRanges.Parsed parsed = AddressRanges.parse(request.ranges(), settings.policy());
        if (parsed.ranges().isEmpty()) {
            throw new IllegalArgumentException(parsed.problems().isEmpty() ? "no addresses to scan"
                    : "no valid range entry: " + String.join("; ", parsed.problems()));
        }
        Run run = new Run(request, listener, parsed, entries(request.profile()));
        Thread feeder = new Thread(run::feed, "printscout-scan-" + request.site());
        feeder.setDaemon(true);
        feeder.start();
        return run;
    }

    /** A running scan; {@link #result()} completes when every address is done. */
    final class Run {
        private final ScanRequest request;
        private final ScanListener listener;
        private final AddressRanges ranges;
        private final List<CredentialProfile.Entry> entries;
        private final List<Oid> firstOids;
        private final List<Oid> recognitionColumns;
        private final List<PrinterRecognizer> recognizerList;
        private final List<Claims> claims;
        private final List<String> problems = Collections.synchronizedList(new ArrayList<>());
        private final List<DeviceReading> readings = Collections.synchronizedList(new ArrayList<>());
        private final Instant started;
        private final long total;
        private final AtomicLong done = new AtomicLong();
        private final AtomicLong responding = new AtomicLong();
        private final AtomicLong printers = new AtomicLong();
        private final AtomicLong read = new AtomicLong();
        /** Addresses started and not done, first contact to reading: at most maxAddressesInFlight. */
        private final Semaphore slots;
        /** First contacts in flight, adapted to what the kernel accepts. */
        private final ProbeWindow window;
        /** Addresses whose silence may be the kernel's doing, to probe again; only the feeder takes from it. */
        private final java.util.concurrent.ConcurrentLinkedQueue<Again> again = new java.util.concurrent.ConcurrentLinkedQueue<>();
        private final AtomicLong probedAgain = new AtomicLong();
        private final AtomicLong givenUp = new AtomicLong();
        private final long dropsAtStart;
        private volatile long drops;
        private long lastSample;
        private int startsSinceSample;
        /** Each probe's first send is checked on its own: at the start, and again after any drop. */
        private volatile boolean attributing = true;
        private int quietWatches;
        private final AsyncLimiter readingSlots;
        private final CompletableFuture<DiscoveryResult> result = new CompletableFuture<>();
        private volatile boolean cancelled;

        private Run(ScanRequest request, ScanListener listener, AddressRanges.Parsed parsed,
                    List<CredentialProfile.Entry> entries) {
            this.request = request;
            this.listener = listener;
            this.ranges = parsed.ranges();
            this.entries = entries;
            this.problems.addAll(parsed.problems());
            this.started = clock.instant();
            this.total = parsed.ranges().size().min(java.math.BigInteger.valueOf(Long.MAX_VALUE)).longValue()
                    + parsed.ranges().hostNames().size();
            this.slots = new Semaphore(settings.maxAddressesInFlight());
            this.window = new ProbeWindow(settings.minAddressesInFlight(), settings.maxAddressesInFlight(), System::nanoTime);
            this.dropsAtStart = kernel.count();
            this.drops = dropsAtStart;
            this.readingSlots = new AsyncLimiter(settings.maxReadingsInFlight());
            this.recognizerList = List.copyOf(recognizers.get());
            this.claims = List.copyOf(vendorClaims.get());
            OidPlan plan = OidPlan.merge(recognizerList.stream().map(PrinterRecognizer::plan).toList());
            Set<Oid> first = new LinkedHashSet<>(List.of(SYS_DESCR, SYS_OBJECT_ID));
            first.addAll(plan.scalars());
            this.firstOids = List.copyOf(first);
            this.recognitionColumns = plan.columns().stream().sorted().toList();
        }

        CompletableFuture<DiscoveryResult> result() {
            return result;
        }

        ScanProgress progress() {
            return new ScanProgress(request.site(), started, total, done.get(), responding.get(), printers.get(), read.get());
        }

        /** Stops feeding new addresses; those in flight finish. */
        void cancel() {
            cancelled = true;
        }

        boolean cancelled() {
            return cancelled;
        }

        private void feed() {
            try {
                long lastReport = 0;
                Iterator<InetAddress> addresses = ranges.addresses();
                while (!cancelled) {
                    Again next = dueAgain();
                    if (next == null && !addresses.hasNext()) {
                        break;
                    }
                    lastReport = start(next != null ? next.address() : addresses.next(), next != null ? next.attempt() : 0, lastReport);
                }
                for (String name : ranges.hostNames()) {
                    if (cancelled) {
                        break;
                    }
                    InetAddress address = resolve(name);
                    String refusal = address == null ? null : settings.policy().refusal(address);
                    if (refusal != null) {
                        problems.add("host name '" + name + "' not scanned: " + refusal);
                    }
                    if (address == null || refusal != null || ranges.contains(address) || ranges.excludes(address)) {
                        // unresolved, already probed as part of a block, or excluded
                        done.incrementAndGet();
                        continue;
                    }
                    lastReport = start(address, 0, lastReport);
                }
                // what is in flight may still send addresses round again
                while (true) {
                    Again next = cancelled ? null : dueAgain();
                    if (next != null) {
                        lastReport = start(next.address(), next.attempt(), lastReport);
                        continue;
                    }
                    if (slots.tryAcquire(settings.maxAddressesInFlight(), 100, TimeUnit.MILLISECONDS)) {
                        slots.release(settings.maxAddressesInFlight());
                        if (cancelled || again.isEmpty()) {
                            break;
                        }
                        // nothing in flight, only addresses waiting for their pause to end
                        Thread.sleep(50);
                    }
                    sample();
                    lastReport = report(lastReport, false);
                }
                if (givenUp.get() > 0) {
                    problems.add(givenUp.get() + " address(es) stayed silent while the kernel dropped datagrams (neighbour table full), "
                            + "after " + (settings.dropRetries() + 1) + " probes each: printers among them may be missing. "
                            + "On a flat network raise net.ipv4.neigh.default.gc_thresh3 (docs/discovery.md)");
                }
                if (cancelled) {
                    problems.add("scan cancelled after " + done.get() + " of " + total + " addresses; no device was marked offline");
                }
                markMissingOffline();
                listener.progress(progress());
                List<DeviceReading> all;
                synchronized (readings) {
                    all = new ArrayList<>(readings);
                }
                List<String> notes;
                synchronized (problems) {
                    notes = new ArrayList<>(problems);
                }
                result.complete(new DiscoveryResult(progress(), clock.instant(), all, notes));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                result.completeExceptionally(e);
            } catch (RuntimeException | Error e) {
                result.completeExceptionally(e);
            }
        }

        /**
         * Starts one address once a slot of the scan and one of the first-contact window are free;
         * the time spent handing the probe over is the kernel's send buffer speaking (a send that
         * blocks), so the window hears of it.
         */
        private long start(InetAddress address, int attempt, long lastReport) throws InterruptedException {
            long report = lastReport;
            while (!slots.tryAcquire(100, TimeUnit.MILLISECONDS)) {
                sample();
                report = report(report, false);
            }
            while (!window.tryAcquire(100)) {
                sample();
                report = report(report, false);
            }
            long before = System.nanoTime();
            // Linux drops a datagram for want of a neighbour entry inside sendto, so a counter that
            // moves during this probe's first send says that this one was dropped. Watched from the
            // start (the first drops come in a burst, when the table fills) and after any drop;
            // after WATCH_UNTIL_QUIET probes without one the counter is only sampled. Loopback
            // needs no neighbour entries.
            boolean watch = attributing && kernel != KernelDrops.NONE && !address.isLoopbackAddress();
            long countBefore = watch ? kernel.count() : -1;
            Drop drop = new Drop(drops);
            probe(address, attempt, drop).whenComplete((finished, failure) -> {
                if (!Boolean.FALSE.equals(finished)) {
                    done.incrementAndGet();
                }
                slots.release();
            });
            if (watch) {
                long countAfter = kernel.count();
                drop.firstSendDropped = countAfter > countBefore;
                drop.watched = true;
                if (countAfter > drops) {
                    drops = countAfter;
                    window.dropped();
                    quietWatches = 0;
                } else if (++quietWatches >= WATCH_UNTIL_QUIET) {
                    attributing = false;
                }
            }
            if (!address.isLoopbackAddress()) {
                // loopback needs no neighbour entry, so nothing waits for ARP in the send buffer: a slow
                // hand-over there is the CPU (readings of the printers found), and slowing down would not help
                window.handedOver(System.nanoTime() - before);
            }
            sample();
            return report(report, false);
        }

        /** What is known of the kernel dropping one probe's datagrams. */
        private static final class Drop {
            /** The scan's drop count when the probe started. */
            final long dropsBefore;
            /** Its first send was watched on its own, and {@link #firstSendDropped} says how it went. */
            volatile boolean watched;
            volatile boolean firstSendDropped;

            Drop(long dropsBefore) {
                this.dropsBefore = dropsBefore;
            }
        }

        /**
         * Reads the kernel's drop counter every 16 first contacts or 100 ms, whichever comes first:
         * on a full neighbour table every datagram is dropped at once and nothing slows the feeder
         * down, so a timer alone would let thousands of probes into the same full table.
         */
        private void sample() {
            long now = System.nanoTime();
            if (++startsSinceSample < 16 && now - lastSample < SAMPLE_NANOS) {
                return;
            }
            lastSample = now;
            startsSinceSample = 0;
            long count = kernel.count();
            if (count > drops) {
                drops = count;
                window.dropped();
                attributing = true;
                quietWatches = 0;
            }
        }

        /** The oldest address waiting to be probed again, once its pause is over (they queue in order of time). */
        private Again dueAgain() {
            Again first = again.peek();
            if (first == null || System.nanoTime() < first.notBefore()) {
                return null;
            }
            return again.poll();
        }

        /** Kernel statistics of this scan, for the status page. */
        String kernelSummary() {
            return String.format(java.util.Locale.ROOT,
                    "first contacts in flight %d (window %d of %d, lowest %d), %d congestion(s), %d datagrams dropped by the kernel, "
                            + "%d address(es) probed again, %d given up",
                    window.inFlight(), window.limit(), settings.maxAddressesInFlight(), window.lowest(), window.congestions(),
                    drops - dropsAtStart, probedAgain.get(), givenUp.get());
        }

        boolean adapted() {
            return window.congestions() > 0;
        }

        private long report(long last, boolean force) {
            long now = System.nanoTime();
            if (force || now - last > 250_000_000L) {
                listener.progress(progress());
                return now;
            }
            return last;
        }

        private InetAddress resolve(String name) {
            try {
                return InetAddress.getByName(name);
            } catch (UnknownHostException e) {
                problems.add("host name '" + name + "' does not resolve");
                return null;
            }
        }

        /**
         * One address, first contact to reading. Completes with false when the address was queued
         * to be probed again (it is not done yet), else true. The first-contact window slot is
         * given back as soon as the address answers or is found silent: what a printer costs the
         * kernel after that (a resolved neighbour entry) is not scarce.
         */
        private CompletableFuture<Boolean> probe(InetAddress address, int attempt, Drop drop) {
            InetSocketAddress socket = new InetSocketAddress(address, request.port());
            java.util.concurrent.atomic.AtomicBoolean contacted = new java.util.concurrent.atomic.AtomicBoolean();
            Runnable firstContactOver = () -> {
                if (contacted.compareAndSet(false, true)) {
                    window.release();
                }
            };
            return pinger.reachable(address)
                    .thenCompose(up -> up ? firstAnswer(socket, 0) : CompletableFuture.completedFuture(null))
                    .thenCompose(answer -> {
                        firstContactOver.run();
                        if (answer == null) {
                            return CompletableFuture.completedFuture(!probeAgain(address, attempt, drop, true));
                        }
                        responding.incrementAndGet();
                        return recognise(answer).thenCompose(printer -> printer ? readPrinter(answer, address, attempt, drop)
                                : CompletableFuture.completedFuture(true));
                    })
                    .exceptionally(failure -> {
                        firstContactOver.run();
                        problems.add(address.getHostAddress() + ": " + message(failure));
                        return true;
                    });
        }

        /**
         * Queues a silent address (or a printer whose reading failed) to be probed again when the
         * kernel may have dropped its request: its silence would be the kernel's, not the address's.
         * When this probe's first send was watched ({@link #attributing}), only a drop during it
         * counts: a first datagram that left got an ARP request, and an address that answers
         * neither is silent. Otherwise (before the scan's first drop, with later credential
         * entries, or a failed reading, sent from other threads) any drop while it was in flight
         * counts, as the kernel does not say whose datagrams it dropped. At most dropRetries times.
         */
        private boolean probeAgain(InetAddress address, int attempt, Drop drop, boolean silent) {
            if (cancelled) {
                return false;
            }
            boolean mayBeDropped = silent && drop.watched && entries.size() == 1 ? drop.firstSendDropped : drops > drop.dropsBefore;
            if (!mayBeDropped) {
                return false;
            }
            if (attempt >= settings.dropRetries()) {
                givenUp.incrementAndGet();
                return false;
            }
            probedAgain.incrementAndGet();
            // after the episode: by then the neighbour entries of this round have failed and can be reclaimed
            again.add(new Again(address, attempt + 1, System.nanoTime() + ProbeWindow.HOLD_NANOS));
            return true;
        }

        /** The first credential entry, in profile order, that the device answers. */
        private CompletableFuture<Answer> firstAnswer(InetSocketAddress socket, int index) {
            if (index >= entries.size()) {
                return CompletableFuture.completedFuture(null);
            }
            CredentialProfile.Entry entry = entries.get(index);
            SnmpTarget target = entry.target(socket);
            return reader.get(target, firstOids).toCompletableFuture()
                    .handle((values, failure) -> failure == null ? new Answer(target, entry, snapshot(values)) : null)
                    .thenCompose(answer -> answer != null ? CompletableFuture.completedFuture(answer)
                            : firstAnswer(socket, index + 1));
        }

        private CompletableFuture<Boolean> recognise(Answer answer) {
            CompletableFuture<Snapshot> full = recognitionColumns.isEmpty()
                    ? CompletableFuture.completedFuture(answer.snapshot())
                    : reader.walk(answer.target(), recognitionColumns,
                            new WalkLimits(settings.recognitionMaxRows(), Duration.ofSeconds(30))).toCompletableFuture()
                    .handle((walk, failure) -> failure == null ? answer.snapshot().merge(snapshot(walk.values())) : answer.snapshot());
            return full.thenApply(snapshot -> {
                boolean vetoed = false;
                for (PrinterRecognizer r : recognizerList) {
                    PrinterRecognizer.Verdict verdict;
                    try {
                        verdict = r.recognise(snapshot);
                    } catch (RuntimeException e) {
                        warnings.accept("printer recognizer " + r.getClass().getName() + " failed: " + e);
                        continue;
                    }
                    if (verdict == PrinterRecognizer.Verdict.PRINTER) {
                        return true;
                    }
                    vetoed |= verdict == PrinterRecognizer.Verdict.NOT_PRINTER;
                }
                if (vetoed) {
                    return false;
                }
                DeviceFacts facts = new DeviceFacts(snapshot.get(SYS_OBJECT_ID).flatMap(SnmpValue::asOid).orElse(null),
                        snapshot.text(SYS_DESCR).orElse(""));
                return claims.stream().anyMatch(c -> c.matches(facts));
            });
        }

        private CompletableFuture<Boolean> readPrinter(Answer answer, InetAddress address, int attempt, Drop drop) {
            printers.incrementAndGet();
            return readingSlots.submit(() -> deviceReader.read(answer.target())).handle((reading, failure) -> {
                if (failure != null) {
                    if (probeAgain(address, attempt, drop, false)) {
                        // counted again when it answers again
                        printers.decrementAndGet();
                        responding.decrementAndGet();
                        return false;
                    }
                    problems.add(answer.target().describe() + ": printer found but not read: " + message(failure));
                    return true;
                }
                if (inventory != null) {
                    inventory.recordReading(reading, request.port(), request.site(), request.profile(), answer.entry().id());
                }
                readings.add(reading);
                read.incrementAndGet();
                listener.deviceRead(reading);
                return true;
            });
        }

        /** Known devices of this site inside the scanned ranges that did not answer are offline now. */
        private void markMissingOffline() {
            if (inventory == null || cancelled) {
                return;
            }
            for (KnownDevice device : inventory.devices()) {
                if (!device.online() || device.port() != request.port() || !request.site().equals(device.site())
                        || !device.lastSeen().isBefore(started)) {
                    continue;
                }
                try {
                    if (ranges.contains(InetAddress.getByName(device.address()))) {
                        inventory.markOffline(device.id(), clock.instant());
                    }
                } catch (UnknownHostException e) {
                    // an address recorded by the inventory is a literal; nothing to resolve
                }
            }
        }
    }

    /** An address to probe again, as attempt {@code attempt}, not before {@code notBefore} (System.nanoTime). */
    record Again(InetAddress address, int attempt, long notBefore) {
    }

    /** A device that answered: the target (with the credential that worked) and what it said. */
    record Answer(SnmpTarget target, CredentialProfile.Entry entry, Snapshot snapshot) {
    }

    static Snapshot snapshot(List<VarBind> values) {
        Map<Oid, SnmpValue> map = new TreeMap<>();
        for (VarBind vb : values) {
            map.put(vb.oid(), vb.value());
        }
        return Snapshot.of(map);
    }

    static String message(Throwable e) {
        Throwable t = e;
        while (t instanceof CompletionException && t.getCause() != null) {
            t = t.getCause();
        }
        return t.getMessage() == null ? t.toString() : t.getMessage();
    }
}
