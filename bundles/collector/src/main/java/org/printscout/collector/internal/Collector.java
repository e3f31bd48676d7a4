package org.printscout.collector.internal;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import java.util.function.Supplier;

import org.printscout.api.mapper.DeviceFacts;
import org.printscout.api.mapper.OidPlan;
import org.printscout.api.model.DeviceReading;
import org.printscout.api.model.ReadingBuilder;
import org.printscout.api.snmp.Oid;
import org.printscout.api.snmp.SnmpReader;
import org.printscout.api.snmp.SnmpTarget;
import org.printscout.api.snmp.SnmpValue;
import org.printscout.api.snmp.SnmpVersion;
import org.printscout.api.snmp.Snapshot;
import org.printscout.api.snmp.VarBind;
import org.printscout.api.snmp.WalkLimits;
import org.printscout.api.snmp.WalkResult;

/**
 * Reads one device in two rounds, without blocking a thread on the network:
 * <ol>
 * <li>the system group plus everything the universal mappers (those that claim no particular
 * device) need, all sent at once;</li>
 * <li>once sysObjectID and sysDescr are known, whatever the claiming mappers need beyond that.</li>
 * </ol>
 * Scalars go out as batched GETs, table columns as GETBULK walks grouped per table. Each mapper then
 * maps the snapshot with a builder of its own under a time limit, and the builders are merged in
 * rank order.
 */
final class Collector {

    static final Oid SYS_DESCR = Oid.parse("1.3.6.1.2.1.1.1.0");
    static final Oid SYS_OBJECT_ID = Oid.parse("1.3.6.1.2.1.1.2.0");
    static final Oid SYS_NAME = Oid.parse("1.3.6.1.2.1.1.5.0");

    /** What the collector itself reads, whatever the mappers: the device's claim keys and its name. */
    static final OidPlan SYSTEM_PLAN = OidPlan.builder().scalar(SYS_DESCR).scalar(SYS_OBJECT_ID).scalar(SYS_NAME).build();

    private static final DeviceFacts NOT_YET_KNOWN = new DeviceFacts(null, "");

    private final SnmpReader reader;
    private final Supplier<List<MapperEntry>> mappers;
    private final Executor mapperExecutor;
    private final Consumer<String> warnings;
    private final Duration mapperTimeout;
    private final WalkLimits walkLimits;
    private final int maxColumnsPerRequest;
    private final ColumnReader columnReader;

    Collector(SnmpReader reader, Supplier<List<MapperEntry>> mappers, Executor mapperExecutor, Consumer<String> warnings,
              Duration mapperTimeout, WalkLimits walkLimits, int maxColumnsPerRequest) {
        this.reader = reader;
        this.mappers = mappers;
        this.mapperExecutor = mapperExecutor;
        this.warnings = warnings;
        this.mapperTimeout = mapperTimeout;
        this.walkLimits = walkLimits;
        this.maxColumnsPerRequest = maxColumnsPerRequest;
        this.columnReader = new ColumnReader(reader, walkLimits, maxColumnsPerRequest,
                new TableShapes(ColumnReader.REMEMBERED_DEVICES));
    }

    /** The same collector reading through another SNMP reader (a recording). */
    Collector withReader(SnmpReader other) {
        return new Collector(other, mappers, mapperExecutor, warnings, mapperTimeout, walkLimits, maxColumnsPerRequest);
    }

    CompletionStage<DeviceReading> read(SnmpTarget target) {
        List<MapperEntry> all = new ArrayList<>(mappers.get());
        all.sort(Comparator.comparingInt(MapperEntry::rank).thenComparingLong(MapperEntry::serviceId));
        List<String> problems = new ArrayList<>();

        List<OidPlan> firstPlans = new ArrayList<>();
        firstPlans.add(SYSTEM_PLAN);
        for (MapperEntry m : all) {
            if (m.universal()) {
                planOf(m, NOT_YET_KNOWN, target, problems).ifPresent(firstPlans::add);
            }
        }
        OidPlan first = OidPlan.merge(firstPlans);
        CompletableFuture<List<VarBind>> firstScalars = reader.get(target, new ArrayList<>(first.scalars())).toCompletableFuture();
        CompletableFuture<List<VarBind>> firstColumns = walkColumns(target, first.columns(), 2, problems);

        return firstScalars.thenCompose(system -> {
            Map<Oid, SnmpValue> values = new TreeMap<>();
            system.forEach(vb -> values.put(vb.oid(), vb.value()));
            DeviceFacts facts = new DeviceFacts(
                    values.containsKey(SYS_OBJECT_ID) ? values.get(SYS_OBJECT_ID).asOid().orElse(null) : null,
                    values.containsKey(SYS_DESCR) ? values.get(SYS_DESCR).asText() : "");
            List<MapperEntry> applicable = new ArrayList<>();
            List<OidPlan> secondPlans = new ArrayList<>();
            for (MapperEntry m : all) {
                if (!m.claims(facts) || !accepts(m, facts, target, problems)) {
                    continue;
                }
                applicable.add(m);
                if (!m.universal()) {
                    planOf(m, facts, target, problems).ifPresent(secondPlans::add);
                }
            }
            OidPlan second = OidPlan.merge(secondPlans);
            List<Oid> moreScalars = second.scalars().stream().filter(o -> !first.covers(o)).sorted().toList();
            List<Oid> moreColumns = second.columns().stream().filter(o -> !first.covers(o)).sorted().toList();
            CompletableFuture<List<VarBind>> secondScalars = moreScalars.isEmpty()
                    ? CompletableFuture.completedFuture(List.of())
                    : reader.get(target, moreScalars).toCompletableFuture().exceptionally(e -> {
                        synchronized (problems) {
                            problems.add("could not read " + moreScalars.size() + " values: " + message(e));
                        }
                        return List.of();
                    });
            CompletableFuture<List<VarBind>> secondColumns = walkColumns(target, moreColumns, 1, problems);
            return CompletableFuture.allOf(firstColumns, secondScalars, secondColumns).thenCompose(done -> {
                firstColumns.join().forEach(vb -> values.put(vb.oid(), vb.value()));
                secondScalars.join().forEach(vb -> values.put(vb.oid(), vb.value()));
                secondColumns.join().forEach(vb -> values.put(vb.oid(), vb.value()));
                return map(target, Snapshot.of(values), applicable, problems);
            });
        });
    }

    private java.util.Optional<OidPlan> planOf(MapperEntry m, DeviceFacts facts, SnmpTarget target, List<String> problems) {
        try {
            return java.util.Optional.of(m.mapper().plan(facts));
        } catch (RuntimeException e) {
            report(problems, target, "mapper '" + m.name() + "' could not plan: " + e);
            return java.util.Optional.empty();
        }
    }

    private boolean accepts(MapperEntry m, DeviceFacts facts, SnmpTarget target, List<String> problems) {
        try {
            return m.mapper().appliesTo(facts);
        } catch (RuntimeException e) {
            report(problems, target, "mapper '" + m.name() + "' failed in appliesTo: " + e);
            return false;
        }
    }

    /**
     * Reads table columns in as few PDUs, round trips and bytes as it can: on SNMPv2c/v3 by GETBULK
     * sized to what the last reading of the device showed ({@link ColumnReader}); SNMPv1 has no
     * GETBULK, so its columns are walked per table with GETNEXT.
     */
    private CompletableFuture<List<VarBind>> walkColumns(SnmpTarget target, java.util.Collection<Oid> columns,
                                                         int bulkRounds, List<String> problems) {
        if (columns.isEmpty()) {
            return CompletableFuture.completedFuture(List.of());
        }
        if (target.credential().version() == SnmpVersion.V1) {
            return walkEach(target, ColumnGroups.byTable(columns, maxColumnsPerRequest), problems);
        }
        return columnReader.read(target, columns, bulkRounds, problem -> report(problems, target, problem));
    }

    private CompletableFuture<List<VarBind>> walkEach(SnmpTarget target, List<List<Oid>> groups, List<String> problems) {
        List<CompletableFuture<List<VarBind>>> walks = new ArrayList<>();
        for (List<Oid> group : groups) {
            walks.add(reader.walk(target, group, walkLimits).toCompletableFuture()
                    .handle((WalkResult result, Throwable failure) -> {
                        if (failure != null) {
                            report(problems, target, "could not read " + group + ": " + message(failure));
                            return List.<VarBind>of();
                        }
                        if (!result.complete()) {
                            report(problems, target, "read of " + group + " cut short: " + result.stop().getMessage());
                        }
                        return result.values();
                    }));
        }
        return joinAll(walks);
    }

    private static CompletableFuture<List<VarBind>> joinAll(List<CompletableFuture<List<VarBind>>> parts) {
        return ColumnReader.joinAll(parts);
    }

    private CompletableFuture<DeviceReading> map(SnmpTarget target, Snapshot snapshot, List<MapperEntry> applicable,
                                                 List<String> problems) {
        List<CompletableFuture<ReadingBuilder>> results = new ArrayList<>();
        for (MapperEntry m : applicable) {
            CompletableFuture<ReadingBuilder> mapped = CompletableFuture.supplyAsync(() -> {
                ReadingBuilder own = new ReadingBuilder();
                m.mapper().map(snapshot, own);
                return own;
            }, mapperExecutor).orTimeout(mapperTimeout.toMillis(), TimeUnit.MILLISECONDS).exceptionally(e -> {
                Throwable cause = e instanceof CompletionException && e.getCause() != null ? e.getCause() : e;
                report(problems, target, cause instanceof TimeoutException
                        ? "mapper '" + m.name() + "' took longer than " + mapperTimeout.toMillis() + " ms; its fields are left out"
                        : "mapper '" + m.name() + "' failed; its fields are left out: " + cause);
                return null;
            });
            results.add(mapped);
        }
        return CompletableFuture.allOf(results.toArray(new CompletableFuture<?>[0])).thenApply(done -> {
            ReadingBuilder reading = new ReadingBuilder();
            ReadingBuilder basics = new ReadingBuilder()
                    .address(target.address().getAddress() == null ? target.address().getHostString()
                            : target.address().getAddress().getHostAddress())
                    .identity("sysDescr", snapshot.text(SYS_DESCR).orElse(null))
                    .identity("sysObjectId", snapshot.get(SYS_OBJECT_ID).flatMap(SnmpValue::asOid).map(Oid::toString).orElse(null))
                    .identity("sysName", snapshot.text(SYS_NAME).orElse(null));
            reading.mergeFrom(basics, "collector");
            for (int i = 0; i < applicable.size(); i++) {
                ReadingBuilder own = results.get(i).join();
                if (own != null) {
                    reading.mergeFrom(own, applicable.get(i).name());
                }
            }
            synchronized (problems) {
                problems.forEach(reading::problem);
            }
            return reading.build(Instant.now());
        });
    }

    private void report(List<String> problems, SnmpTarget target, String problem) {
        synchronized (problems) {
            problems.add(problem);
        }
        warnings.accept(target.describe() + ": " + problem);
    }

    static String message(Throwable e) {
        Throwable t = e;
        while (t instanceof CompletionException && t.getCause() != null) {
            t = t.getCause();
        }
        return t.getMessage() == null ? t.toString() : t.getMessage();
    }
}
