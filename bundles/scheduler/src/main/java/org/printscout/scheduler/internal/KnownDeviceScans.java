package org.printscout.scheduler.internal;

import java.net.InetSocketAddress;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicInteger;

import org.printscout.api.collect.DeviceReader;
import org.printscout.api.discovery.Discovery;
import org.printscout.api.discovery.ScanListener;
import org.printscout.api.inventory.Inventory;
import org.printscout.api.inventory.KnownDevice;
import org.printscout.api.model.DeviceReading;
import org.printscout.api.report.ScanKind;
import org.printscout.api.report.ScanResult;
import org.printscout.api.snmp.CredentialProfile;

/**
 * The two scans on top of discovery and the inventory. The meter scan is a discovery scan of every
 * site (new devices are found, moved ones recognised). The status scan reads only the known devices,
 * each with the credential entry it answered to last; one that does not answer is marked offline,
 * and one whose address now answers as another device is marked offline too (the other device is
 * recorded as itself).
 */
final class KnownDeviceScans implements SchedulerCore.Scans {

    private final Discovery discovery;
    private final Inventory inventory;
    private final DeviceReader reader;
    private final int concurrency;
    private final Clock clock;

    KnownDeviceScans(Discovery discovery, Inventory inventory, DeviceReader reader, int concurrency, Clock clock) {
        this.discovery = discovery;
        this.inventory = inventory;
        this.reader = reader;
        this.concurrency = concurrency;
        this.clock = clock;
    }

    @Override
    public CompletionStage<ScanResult> meterScan() {
        return discovery.scanSites(ScanListener.NONE).thenApply(result -> {
            inventory.flush();
            return new ScanResult(ScanKind.METER, result.progress().started(), result.finished(), result.readings());
        });
    }

    @Override
    public CompletionStage<ScanResult> statusScan() {
        Instant started = clock.instant();
        List<KnownDevice> devices = inventory.devices();
        List<DeviceReading> readings = Collections.synchronizedList(new ArrayList<>());
        AtomicInteger next = new AtomicInteger();
        List<CompletableFuture<Void>> lanes = new ArrayList<>();
        for (int i = 0; i < Math.min(concurrency, devices.size()); i++) {
            lanes.add(lane(devices, next, readings));
        }
        return CompletableFuture.allOf(lanes.toArray(new CompletableFuture<?>[0])).thenApply(done -> {
            inventory.flush();
            List<DeviceReading> all;
            synchronized (readings) {
                all = new ArrayList<>(readings);
            }
            return new ScanResult(ScanKind.STATUS, started, clock.instant(), all);
        });
    }

    /** Reads devices one after the other, taking the next unread one each time: {@code concurrency} lanes run side by side. */
    private CompletableFuture<Void> lane(List<KnownDevice> devices, AtomicInteger next, List<DeviceReading> readings) {
        int i = next.getAndIncrement();
        if (i >= devices.size()) {
            return CompletableFuture.completedFuture(null);
        }
        KnownDevice device = devices.get(i);
        Instant started = clock.instant();
        return read(device, credentialsFor(device), 0, started).handle((reading, failure) -> {
            if (reading != null) {
                readings.add(reading);
            } else {
                markOfflineUnlessSeenSince(device, started);
            }
            return null;
        }).thenCompose(ignored -> lane(devices, next, readings));
    }

    /** One known device read now as the status scan reads it; a device that does not answer is marked offline the same way. */
    CompletableFuture<DeviceReading> readNow(String deviceId) {
        Optional<KnownDevice> known = inventory.device(deviceId);
        if (known.isEmpty()) {
            return CompletableFuture.failedFuture(new IllegalArgumentException("no known device has the id " + deviceId));
        }
        KnownDevice device = known.get();
        Instant started = clock.instant();
        return read(device, credentialsFor(device), 0, started).whenComplete((reading, failure) -> {
            if (failure != null) {
                markOfflineUnlessSeenSince(device, started);
            }
            inventory.flush();
        });
    }

    /**
     * Marks a device offline that did not answer at the address this scan knew, unless the inventory
     * has heard from it since: a meter scan running meanwhile may have found it at a new address (or
     * read it) while this scan still waited for the old one.
     */
    private void markOfflineUnlessSeenSince(KnownDevice asRead, Instant started) {
        Optional<KnownDevice> now = inventory.device(asRead.id());
        boolean moved = now.isPresent() && (!now.get().address().equals(asRead.address()) || now.get().port() != asRead.port());
        boolean seen = now.isPresent() && now.get().lastSeen() != null && now.get().lastSeen().isAfter(started);
        if (now.isPresent() && !moved && !seen) {
            inventory.markOffline(asRead.id(), clock.instant());
        }
    }

    /** The remembered entry alone when it still exists; else every entry of the profile, in order. */
    private List<CredentialProfile.Entry> credentialsFor(KnownDevice device) {
        List<CredentialProfile.Entry> all = discovery.credentials(device.profile());
        List<CredentialProfile.Entry> remembered = all.stream().filter(e -> e.id().equals(device.credentialEntry())).toList();
        return remembered.isEmpty() ? all : remembered;
    }

    private CompletableFuture<DeviceReading> read(KnownDevice device, List<CredentialProfile.Entry> entries, int index,
                                                  Instant started) {
        if (index >= entries.size()) {
            return CompletableFuture.failedFuture(new IllegalStateException(device.address() + " did not answer"));
        }
        CredentialProfile.Entry entry = entries.get(index);
        return reader.read(entry.target(new InetSocketAddress(device.address(), device.port()))).toCompletableFuture()
                .thenApply(reading -> {
                    KnownDevice recorded = inventory.recordReading(reading, device.port(), device.site(), device.profile(), entry.id());
                    if (!recorded.id().equals(device.id())) {
                        markOfflineUnlessSeenSince(device, started);
                    }
                    return recorded.id().equals(device.id()) ? reading : null;
                })
                .exceptionallyCompose(failure -> read(device, entries, index + 1, started))
                .thenCompose(reading -> reading != null ? CompletableFuture.completedFuture(reading)
                        : CompletableFuture.failedFuture(new IllegalStateException("another device answers at " + device.address())));
    }
}
