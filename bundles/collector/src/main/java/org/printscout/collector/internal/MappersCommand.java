package org.printscout.collector.internal;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Collectors;

import org.apache.felix.service.command.Descriptor;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.printscout.api.mapper.DeviceFacts;
import org.printscout.api.mapper.OidPlan;
import org.printscout.api.snmp.Oid;

import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonObject;

/**
 * {@code scout:mappers}: the mappers the collector uses, with their bundles, ranks and claims, and
 * with {@code --oids} the OIDs each declares (what an audit of the agent's requests checks against).
 */
@Component(service = MappersCommand.class, property = {"osgi.command.scope=scout", "osgi.command.function=mappers"})
public final class MappersCommand {

    private final CollectorComponent collector;
    private final BundleContext context;

    @Activate
    public MappersCommand(@Reference CollectorComponent collector, BundleContext context) {
        this.collector = collector;
        this.context = context;
    }

    @Descriptor("list the installed mappers: name, rank, claims, bundle and version")
    public String mappers(@Descriptor("[--oids] [--json]") String... options) {
        boolean oids = Arrays.asList(options).contains("--oids");
        boolean json = Arrays.asList(options).contains("--json");
        for (String o : options) {
            if (!o.equals("--oids") && !o.equals("--json")) {
                throw new IllegalArgumentException("unknown option " + o + " (use --oids, --json)");
            }
        }
        List<MapperEntry> all = new ArrayList<>(collector.mappers());
        all.sort(Comparator.comparingInt(MapperEntry::rank).reversed().thenComparing(MapperEntry::name));
        DeviceFacts unknown = new DeviceFacts(null, "");
        if (json) {
            JsonArray out = new JsonArray();
            for (MapperEntry m : all) {
                JsonObject o = new JsonObject();
                o.addProperty("name", m.name());
                o.addProperty("rank", m.rank());
                Bundle b = bundle(m);
                o.addProperty("bundle", b == null ? null : b.getSymbolicName());
                o.addProperty("version", b == null ? null : b.getVersion().toString());
                o.addProperty("claims", claims(m));
                if (oids) {
                    OidPlan plan = plan(m, unknown);
                    JsonArray scalars = new JsonArray();
                    JsonArray columns = new JsonArray();
                    if (plan != null) {
                        plan.scalars().stream().sorted().map(Oid::toString).forEach(scalars::add);
                        plan.columns().stream().sorted().map(Oid::toString).forEach(columns::add);
                    }
                    o.add("scalars", scalars);
                    o.add("columns", columns);
                }
                out.add(o);
            }
            return new GsonBuilder().setPrettyPrinting().disableHtmlEscaping().create().toJson(out);
        }
        StringBuilder text = new StringBuilder();
        String format = "%-12s %5s  %-34s %-16s %s%n";
        text.append(String.format(format, "Mapper", "Rank", "Bundle", "Version", "Claims"));
        for (MapperEntry m : all) {
            Bundle b = bundle(m);
            text.append(String.format(format, m.name(), m.rank(), b == null ? "?" : b.getSymbolicName(),
                    b == null ? "?" : b.getVersion(), claims(m)));
            if (oids) {
                OidPlan plan = plan(m, unknown);
                if (plan != null) {
                    plan.scalars().stream().sorted().forEach(o -> text.append("    scalar ").append(o).append('\n'));
                    plan.columns().stream().sorted().forEach(o -> text.append("    column ").append(o).append('\n'));
                }
            }
        }
        return text.toString();
    }

    private static OidPlan plan(MapperEntry m, DeviceFacts facts) {
        try {
            return m.mapper().plan(facts);
        } catch (RuntimeException e) {
            return null;
        }
    }

    private Bundle bundle(MapperEntry m) {
        try {
            return context.getBundle(Long.parseLong(m.bundle()));
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static String claims(MapperEntry m) {
        if (m.universal()) {
            return "every device";
        }
        List<String> parts = new ArrayList<>();
        if (!m.claims().enterprises().isEmpty()) {
            parts.add("enterprise " + m.claims().enterprises().stream().map(Object::toString).collect(Collectors.joining(",")));
        }
        if (!m.claims().sysObjectIds().isEmpty()) {
            parts.add("sysObjectID " + m.claims().sysObjectIds().stream().map(Oid::toString).collect(Collectors.joining(",")));
        }
        if (!m.claims().sysDescrs().isEmpty()) {
            parts.add("sysDescr ~ " + m.claims().sysDescrs().stream().map(Object::toString).collect(Collectors.joining(" | ")));
        }
        return String.join("; ", parts);
    }
}
