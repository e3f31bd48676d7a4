package org.printscout.rollout.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;

import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.framework.ServiceReference;
import org.printscout.api.inventory.Inventory;
import org.printscout.api.inventory.KnownDevice;
import org.printscout.api.mapper.Claims;
import org.printscout.api.mapper.DeviceFacts;
import org.printscout.api.mapper.Mapper;
import org.printscout.api.mapper.MapperClaims;
import org.printscout.api.model.DeviceReading;
import org.printscout.api.schedule.DeviceRefresh;
import org.printscout.api.snmp.Oid;

/**
 * The part of a set's health only a device can show: every mapper the set brought (registered by one
 * of its bundles, or read from one of its mapping files) reads a known device it claims, now, as the
 * status scan would, and that reading must not name a failure of the mapper. A device that does not
 * answer proves nothing either way and the next claimed one is tried; a site where no device uses the
 * mapper has nothing to show, and the set is healthy on its bundles and components alone (the
 * status says so).
 */
final class ReadingCheck {

    /** At most this many claimed devices are read per mapper: one that uses the mapper is enough. */
    static final int DEVICES_PER_MAPPER = 3;
    /** A read gets at least this long, even when the bundles used up most of the health window. */
    static final Duration LEAST_READ_TIME = Duration.ofSeconds(30);

    /** {@code failure} is null when healthy; {@code evidence} says what was read, for the status and the log. */
    record Outcome(String failure, List<String> evidence) {
    }

    /** A mapper the set brought, with what to call it in messages. */
    record NewMapper(String name, Map<String, Object> properties, String origin) {
    }

    private final BundleContext context;
    private final Supplier<Inventory> inventory;
    private final Supplier<DeviceRefresh> refresh;
    private final Path deployDirectory;

    ReadingCheck(BundleContext context, Supplier<Inventory> inventory, Supplier<DeviceRefresh> refresh, Path deployDirectory) {
        this.context = context;
        this.inventory = inventory;
        this.refresh = refresh;
        this.deployDirectory = deployDirectory;
    }

    Outcome check(List<Bundle> bundles, List<Installed> mappings, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        List<NewMapper> mappers = new ArrayList<>();
        for (Bundle bundle : bundles) {
            mappers.addAll(mappersOf(bundle));
        }
        for (Installed mapping : mappings) {
            Optional<NewMapper> mapper = awaitMapping(mapping, deadline);
            if (mapper.isEmpty()) {
                return new Outcome("deploy/" + mapping.mappingFile() + " (" + mapping.version() + ") was not taken by the declarative mapper within "
                        + timeout.toSeconds() + " s: scout:mappers and the log say why", List.of());
            }
            mappers.add(mapper.get());
        }
        List<String> evidence = new ArrayList<>();
        if (mappers.isEmpty()) {
            return new Outcome(null, evidence);
        }
        // after a restart of the framework the scheduler and inventory may still be starting
        Inventory devices = inventory.get();
        DeviceRefresh reader = refresh.get();
        while ((devices == null || reader == null) && System.nanoTime() - deadline < 0) {
            Thread.sleep(200);
            devices = inventory.get();
            reader = refresh.get();
        }
        if (devices == null || reader == null) {
            evidence.add("no device read: this agent has no inventory or scheduler running");
            return new Outcome(null, evidence);
        }
        for (NewMapper mapper : mappers) {
            String failure = read(mapper, devices, reader, deadline, evidence);
            if (failure != null) {
                return new Outcome(failure, evidence);
            }
        }
        return new Outcome(null, evidence);
    }

    /** Reads up to {@link #DEVICES_PER_MAPPER} devices the mapper claims until one uses it; returns why the mapper failed, or null. */
    private String read(NewMapper mapper, Inventory devices, DeviceRefresh reader, long deadline, List<String> evidence)
            throws InterruptedException {
        Claims claims;
        try {
            claims = Claims.fromProperties(mapper.properties());
        } catch (IllegalArgumentException e) {
            return mapper.origin() + ": mapper '" + mapper.name() + "' has a malformed claim: " + e.getMessage();
        }
        List<KnownDevice> claimed = claimed(devices.devices(), claims);
        if (claimed.isEmpty()) {
            evidence.add("no device here is claimed by mapper '" + mapper.name() + "'");
            return null;
        }
        List<String> unused = new ArrayList<>();
        for (KnownDevice device : claimed) {
            long remaining = Math.max(deadline - System.nanoTime(), LEAST_READ_TIME.toNanos());
            DeviceReading reading;
            try {
                reading = reader.read(device.id()).toCompletableFuture().get(remaining, TimeUnit.NANOSECONDS);
            } catch (ExecutionException e) {
                unused.add(device.address() + " (" + (e.getCause() == null ? e : e.getCause()).getMessage() + ")");
                continue;
            } catch (TimeoutException e) {
                unused.add(device.address() + " (no reading within " + TimeUnit.NANOSECONDS.toSeconds(remaining) + " s)");
                continue;
            }
            String verdict = verdict(mapper.name(), reading);
            if (verdict != null) {
                return mapper.origin() + ": mapper '" + mapper.name() + "' failed on " + device.address() + ": " + verdict;
            }
            if (reading.sources().containsValue(mapper.name())) {
                long fields = reading.sources().values().stream().filter(mapper.name()::equals).count();
                evidence.add("mapper '" + mapper.name() + "' read " + device.address() + " (" + fields + " fields)");
                return null;
            }
            unused.add(device.address() + " (read, no field from the mapper)");
        }
        evidence.add("mapper '" + mapper.name() + "' not seen in use: " + String.join(", ", unused));
        return null;
    }

    /** The reading's problem that names the mapper (it failed, timed out, or could not plan), or null. */
    static String verdict(String mapperName, DeviceReading reading) {
        String named = "mapper '" + mapperName + "'";
        return reading.problems().stream().filter(p -> p.contains(named)).findFirst().orElse(null);
    }

    /** The online devices whose last reading the claims match (every online one for empty claims), at most {@link #DEVICES_PER_MAPPER}. */
    static List<KnownDevice> claimed(Collection<KnownDevice> devices, Claims claims) {
        List<KnownDevice> out = new ArrayList<>();
        for (KnownDevice device : devices) {
            if (out.size() == DEVICES_PER_MAPPER) {
                break;
            }
            if (!device.online() || device.lastReading() == null) {
                continue;
            }
            if (claims.isEmpty() || claims.matches(facts(device.lastReading()))) {
                out.add(device);
            }
        }
        return out;
    }

    private static DeviceFacts facts(DeviceReading reading) {
        Oid sysObjectId = null;
        String text = reading.identity().sysObjectId();
        if (text != null) {
            try {
                sysObjectId = Oid.parse(text);
            } catch (IllegalArgumentException e) {
                // a device string the inventory kept as it came; such a device is matched by sysDescr only
            }
        }
        return new DeviceFacts(sysObjectId, reading.identity().sysDescr());
    }

    private static List<NewMapper> mappersOf(Bundle bundle) {
        List<NewMapper> out = new ArrayList<>();
        ServiceReference<?>[] registered = bundle.getRegisteredServices();
        if (registered == null) {
            return out;
        }
        for (ServiceReference<?> reference : registered) {
            Object classes = reference.getProperty("objectClass");
            if (classes instanceof String[] names && List.of(names).contains(Mapper.class.getName())) {
                Map<String, Object> properties = properties(reference);
                out.add(new NewMapper(String.valueOf(properties.get(MapperClaims.NAME)), properties,
                        bundle.getSymbolicName() + " " + bundle.getVersion()));
            }
        }
        return out;
    }

    /** Waits for the declarative mapper to register this very file (its path and SHA-256), until the deadline. */
    private Optional<NewMapper> awaitMapping(Installed mapping, long deadline) throws InterruptedException {
        Path file = deployDirectory.resolve(mapping.mappingFile());
        while (true) {
            try {
                for (ServiceReference<Mapper> reference : context.getServiceReferences(Mapper.class, null)) {
                    if (mapping.sha256().equals(reference.getProperty(MapperClaims.MAPPING_SHA256))
                            && sameFile(file, reference.getProperty(MapperClaims.MAPPING_SOURCE))) {
                        Map<String, Object> properties = properties(reference);
                        return Optional.of(new NewMapper(String.valueOf(properties.get(MapperClaims.NAME)), properties,
                                "deploy/" + mapping.mappingFile() + " " + mapping.version()));
                    }
                }
            } catch (InvalidSyntaxException e) {
                throw new IllegalStateException(e);
            }
            if (System.nanoTime() - deadline > 0) {
                return Optional.empty();
            }
            Thread.sleep(200);
        }
    }

    /** The declarative mapper names the file by its absolute path, which may reach the folder by another way (a link). */
    private static boolean sameFile(Path file, Object source) {
        if (!(source instanceof String path)) {
            return false;
        }
        try {
            return file.toAbsolutePath().normalize().toString().equals(path) || Files.isSameFile(file, Path.of(path));
        } catch (IOException | InvalidPathException e) {
            return false;
        }
    }

    private static Map<String, Object> properties(ServiceReference<?> reference) {
        Map<String, Object> properties = new HashMap<>();
        for (String key : reference.getPropertyKeys()) {
            properties.put(key, reference.getProperty(key));
        }
        return properties;
    }
}
