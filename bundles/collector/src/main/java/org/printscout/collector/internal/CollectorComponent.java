package org.printscout.collector.internal;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

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
import org.printscout.api.mapper.Mapper;
import org.printscout.api.model.DeviceReading;
import org.printscout.api.snmp.Credential;
import org.printscout.api.snmp.SnmpReader;
import org.printscout.api.snmp.SnmpVersion;
import org.printscout.api.snmp.Snapshot;
import org.printscout.api.snmp.SnmpTarget;
import org.printscout.api.snmp.WalkLimits;

/**
 * The {@link DeviceReader} service: tracks every {@link Mapper} service (the whiteboard) and reads
 * devices with them. Mappers come and go while the agent runs; each read uses the ones registered
 * when it starts.
 */
@Component(configurationPid = "org.printscout.collector", service = {DeviceReader.class, CollectorComponent.class})
@Designate(ocd = CollectorConfig.class)
public final class CollectorComponent implements DeviceReader {

    private final Map<Mapper, MapperEntry> mappers = new ConcurrentHashMap<>();
    private final Logger log;
    private final ExecutorService mapperPool;
    private final Collector collector;

    @Activate
    public CollectorComponent(@Reference SnmpReader reader, @Reference(service = LoggerFactory.class) Logger log,
                              CollectorConfig config) {
        this.log = log;
        AtomicInteger threads = new AtomicInteger();
        ThreadPoolExecutor pool = new ThreadPoolExecutor(config.mapperThreads(), config.mapperThreads(), 30, TimeUnit.SECONDS,
                new LinkedBlockingQueue<>(), r -> {
                    Thread t = new Thread(r, "printscout-mapper-" + threads.incrementAndGet());
                    t.setDaemon(true);
                    return t;
                });
        pool.allowCoreThreadTimeOut(true);
        this.mapperPool = pool;
        this.collector = new Collector(reader, () -> new ArrayList<>(mappers.values()), mapperPool, log::warn,
                Duration.ofMillis(config.mapperTimeoutMillis()),
                new WalkLimits(config.maxRowsPerTable(), Duration.ofSeconds(config.maxWalkSeconds())),
                config.maxColumnsPerRequest());
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
    void addMapper(Mapper mapper, Map<String, Object> properties) {
        try {
            MapperEntry entry = MapperEntry.of(mapper, properties);
            mappers.put(mapper, entry);
            log.info("mapper '{}' (rank {}) from bundle {} added", entry.name(), entry.rank(), entry.bundle());
        } catch (IllegalArgumentException e) {
            log.error("ignoring a mapper with bad claims: {}", e.getMessage());
        }
    }

    void removeMapper(Mapper mapper) {
        MapperEntry entry = mappers.remove(mapper);
        if (entry != null) {
            log.info("mapper '{}' removed", entry.name());
        }
    }

    /** The mappers in use, for scout:mappers. */
    List<MapperEntry> mappers() {
        return new ArrayList<>(mappers.values());
    }

    @Override
    public CompletionStage<DeviceReading> read(SnmpTarget target) {
        return collector.read(target);
    }

    @Override
    public CompletionStage<DeviceReading> replay(Snapshot recording, String address) {
        SnmpTarget target = SnmpTarget.of(InetSocketAddress.createUnresolved(address, SnmpTarget.DEFAULT_PORT),
                new Credential.Community(SnmpVersion.V2C, "recording"));
        return collector.withReader(new RecordedDevice(recording, true)).read(target);
    }

    @Deactivate
    void deactivate() {
        mapperPool.shutdownNow();
    }
}
