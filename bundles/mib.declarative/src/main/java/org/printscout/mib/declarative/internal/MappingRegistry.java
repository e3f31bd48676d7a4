package org.printscout.mib.declarative.internal;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.log.Logger;
import org.osgi.service.log.LoggerFactory;
import org.printscout.api.mapper.MapperClaims;

/**
 * The mapping files currently in force, by source (a file in deploy/, or an entry of a bundle), each
 * registered as one {@link org.printscout.api.mapper.Mapper} service. Both routes, the deploy folder
 * and mapping bundles, go through here, so a mapping name is unique across them.
 *
 * <p>Rules (docs/mapping-format.md): a file that does not read is logged with file, line and problem,
 * and registers nothing. A source that turns bad on update loses its previous mapper too: what runs
 * is always what the source says now, so the agent behaves the same before and after a restart. A
 * mapping name already in use by another source is refused, so a reading's field sources stay
 * unambiguous.
 */
@Component(service = MappingRegistry.class, immediate = true)
public final class MappingRegistry {

    /** Service property saying which file or bundle entry a declarative mapper came from. */
    public static final String SOURCE_PROPERTY = MapperClaims.MAPPING_SOURCE;

    private final MappingReader reader;
    private final ServicePublisher publisher;
    private final MappingLog log;
    private final Map<String, Installed> bySource = new LinkedHashMap<>();

    /** One source's mapper and its service. */
    record Installed(Mapping mapping, DeclarativeMapper mapper, ServicePublisher.Registration registration) {
    }

    @Activate
    public MappingRegistry(BundleContext context, @Reference(service = LoggerFactory.class) Logger logger) {
        this(new MappingReader(), new BundleContextPublisher(context), MappingLog.of(logger));
    }

    MappingRegistry(MappingReader reader, ServicePublisher publisher, MappingLog log) {
        this.reader = reader;
        this.publisher = publisher;
        this.log = log;
    }

    /**
     * Reads {@code content} and registers its mapper under {@code source}, replacing what the source
     * had. Returns whether a mapper is now registered for the source.
     */
    public synchronized boolean install(String source, byte[] content) {
        Mapping mapping;
        try {
            mapping = reader.read(content, source);
        } catch (MappingException e) {
            e.problems().forEach(p -> log.error().accept("mapping rejected: " + p));
            dropAfterFailure(source);
            return false;
        }
        Optional<String> clash = bySource.entrySet().stream()
                .filter(e -> !e.getKey().equals(source) && e.getValue().mapping().name().equals(mapping.name()))
                .map(Map.Entry::getKey).findFirst();
        if (clash.isPresent()) {
            log.error().accept("mapping rejected: " + source + ": the name '" + mapping.name() + "' is already used by "
                    + clash.get() + "; give one of them another name");
            dropAfterFailure(source);
            return false;
        }
        DeclarativeMapper mapper = new DeclarativeMapper(mapping);
        Map<String, Object> properties = new LinkedHashMap<>(mapping.serviceProperties());
        properties.put(SOURCE_PROPERTY, source);
        properties.put(MapperClaims.MAPPING_SHA256, sha256(content));
        // the new service is registered before the old one goes, so no device read falls between them
        ServicePublisher.Registration registration = publisher.publish(mapper, properties);
        Installed previous = bySource.put(source, new Installed(mapping, mapper, registration));
        if (previous != null) {
            previous.registration().unregister();
        }
        log.info().accept("mapping '" + mapping.name() + "' (rank " + mapping.rank() + ") from " + source
                + (previous == null ? " registered" : " updated") + "; claims " + mapping.claims());
        return true;
    }

    private static String sha256(byte[] content) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    }

    /** Unregisters the mapper of {@code source}, if it has one. */
    public synchronized void uninstall(String source) {
        Installed gone = bySource.remove(source);
        if (gone != null) {
            gone.registration().unregister();
            log.info().accept("mapping '" + gone.mapping().name() + "' from " + source + " unregistered");
        }
    }

    /** Reports a source that could not even be read (I/O), and drops what it had. */
    public synchronized void failed(String source, String problem) {
        log.error().accept("mapping rejected: " + source + ": " + problem);
        dropAfterFailure(source);
    }

    private void dropAfterFailure(String source) {
        Installed previous = bySource.remove(source);
        if (previous != null) {
            previous.registration().unregister();
            log.error().accept("mapping '" + previous.mapping().name() + "' from " + source
                    + " unregistered: the source no longer reads; fix it to register it again");
        }
    }

    /** What is registered now, by source. */
    synchronized Map<String, Mapping> installed() {
        Map<String, Mapping> out = new LinkedHashMap<>();
        bySource.forEach((source, installed) -> out.put(source, installed.mapping()));
        return out;
    }

    @Deactivate
    synchronized void close() {
        for (String source : new ArrayList<>(bySource.keySet())) {
            uninstall(source);
        }
    }

    /** The sources registered now, in registration order. */
    synchronized List<String> sources() {
        return new ArrayList<>(bySource.keySet());
    }
}
