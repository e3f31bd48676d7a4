package org.printscout.shell.internal;

import java.io.PrintStream;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.apache.felix.service.command.Descriptor;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.printscout.api.discovery.Discovery;
import org.printscout.api.discovery.DiscoveryResult;
import org.printscout.api.discovery.ScanListener;
import org.printscout.api.discovery.ScanProgress;
import org.printscout.api.discovery.ScanRequest;
import org.printscout.api.inventory.Inventory;
import org.printscout.api.inventory.KnownDevice;
import org.printscout.api.model.DeviceReading;
import org.printscout.api.model.Meter;

import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonNull;
import com.google.gson.JsonObject;

/**
 * {@code scout:scan} and {@code scout:devices}. Discovery and the inventory are optional services:
 * without them (bundles not installed) the commands say so instead of the shell failing to start.
 */
@Component(service = DiscoveryCommands.class, property = {"osgi.command.scope=scout", "osgi.command.function=scan",
        "osgi.command.function=devices"})
public final class DiscoveryCommands {

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    private volatile Discovery discovery;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    private volatile Inventory inventory;

    @Descriptor("discover printers: the configured sites, or the given ranges; prints progress, then a summary. "
            + "An ad-hoc scan stops when its shell goes away (Ctrl-C on bin/printscout exec); scout:scan --cancel stops any")
    public String scan(@Descriptor("[RANGE ...] [--port N] [--profile NAME] [--site NAME] | --cancel; RANGE: 10.0.0.7, 10.0.0.1-10.0.0.99, "
            + "10.0.0.0/24, a host name, an IPv6 literal or prefix, !EXCLUSION") String... args) throws Exception {
        Discovery d = discovery;
        if (d == null) {
            throw new IllegalStateException("discovery is not running (bundle org.printscout.discovery)");
        }
        if (args.length == 1 && args[0].equals("--cancel")) {
            List<ScanProgress> cancelled = d.cancel();
            if (cancelled.isEmpty()) {
                return "no scan is running";
            }
            StringBuilder out = new StringBuilder();
            cancelled.forEach(p -> out.append("cancelled ").append(progressLine(p, Instant.now())).append('\n'));
            return out.toString();
        }
        List<String> ranges = new ArrayList<>();
        int port = 161;
        String profile = "default";
        String site = "adhoc";
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--port" -> port = Integer.parseInt(value(args, ++i, "--port"));
                case "--profile" -> profile = value(args, ++i, "--profile");
                case "--site" -> site = value(args, ++i, "--site");
                default -> ranges.add(args[i]);
            }
        }
        PrintStream out = System.out;
        CompletableFuture<DiscoveryResult> running = ranges.isEmpty()
                ? d.scanSites(ScanListener.NONE).toCompletableFuture()
                : d.scan(new ScanRequest(site, ranges, port, profile), ScanListener.NONE).toCompletableFuture();
        boolean adhoc = !ranges.isEmpty();
        DiscoveryResult result = null;
        while (result == null) {
            try {
                result = running.get(2, TimeUnit.SECONDS);
            } catch (TimeoutException e) {
                d.current().ifPresent(p -> out.println(progressLine(p, Instant.now())));
                out.flush();
                if (adhoc && out.checkError()) {
                    // nobody reads the progress any more: the shell that asked for this scan is gone
                    running.cancel(true);
                    throw new IllegalStateException("the shell went away; the scan was cancelled");
                }
            } catch (InterruptedException e) {
                // the control channel interrupts a command whose client went away
                if (adhoc) {
                    running.cancel(true);
                }
                Thread.currentThread().interrupt();
                throw new IllegalStateException(adhoc ? "interrupted; the scan was cancelled" : "interrupted; the scan goes on");
            } catch (java.util.concurrent.ExecutionException e) {
                throw new IllegalArgumentException(e.getCause().getMessage(), e.getCause());
            }
        }
        StringBuilder summary = new StringBuilder(progressLine(result.progress(), result.finished())).append('\n');
        Table table = new Table("Address", "Make", "Model", "Serial", "Total");
        for (DeviceReading r : result.readings()) {
            table.row(r.identity().address(), r.identity().manufacturer(), r.identity().model(), r.identity().serialNumber(),
                    r.meter("total").map(Meter::value).map(String::valueOf).orElse(""));
        }
        summary.append(table);
        for (String problem : result.problems()) {
            summary.append("problem: ").append(problem).append('\n');
        }
        return summary.toString();
    }

    static String progressLine(ScanProgress p, Instant now) {
        double seconds = Math.max(0.001, Duration.between(p.started(), now).toMillis() / 1000.0);
        return String.format(Locale.ROOT, "%s: %d/%d addresses done, %d answered, %d printers found, %d read, %.0f addresses/s, %.1f s",
                p.site(), p.done(), p.addresses(), p.responding(), p.printers(), p.read(), p.done() / seconds, seconds);
    }

    @Descriptor("the known devices: address, state, identity, last reading")
    public String devices(@Descriptor("[--json]") String... args) {
        Inventory inv = inventory;
        if (inv == null) {
            throw new IllegalStateException("the inventory is not running (bundle org.printscout.inventory)");
        }
        boolean json = false;
        for (String arg : args) {
            if (!"--json".equals(arg)) {
                throw new IllegalArgumentException("usage: scout:devices [--json]");
            }
            json = true;
        }
        List<KnownDevice> all = inv.devices();
        if (json) {
            return json(all);
        }
        Table table = new Table("ID", "Address", "State", "Make", "Model", "Serial", "MAC", "Last seen", "Credential", "Total");
        int online = 0;
        for (KnownDevice k : all) {
            DeviceReading r = k.lastReading();
            online += k.online() ? 1 : 0;
            table.row(k.id(), k.address() + (k.port() == 161 ? "" : ":" + k.port()),
                    k.online() ? "online" : "offline since " + k.offlineSince().toString().replace('T', ' ').replaceFirst("\\.\\d+Z$", "Z"),
                    r == null ? "" : r.identity().manufacturer(), r == null ? "" : r.identity().model(), k.serialNumber(), k.macAddress(),
                    k.lastSeen().toString().replace('T', ' ').replaceFirst("\\.\\d+Z$", "Z"), k.profile() + "/" + k.credentialEntry(),
                    r == null ? "" : r.meter("total").map(Meter::value).map(String::valueOf).orElse(""));
        }
        return all.size() + " devices, " + online + " online, " + (all.size() - online) + " offline\n" + table;
    }

    /**
     * The inventory for scripts and tests: every field of {@link KnownDevice}, times as ISO-8601
     * instants, and of the last reading only what identifies it (the full reading is scout:read's).
     */
    static String json(List<KnownDevice> devices) {
        JsonArray out = new JsonArray();
        for (KnownDevice k : devices) {
            JsonObject o = new JsonObject();
            o.addProperty("id", k.id());
            o.addProperty("address", k.address());
            o.addProperty("port", k.port());
            JsonArray previous = new JsonArray();
            k.previousAddresses().forEach(previous::add);
            o.add("previousAddresses", previous);
            o.addProperty("online", k.online());
            o.addProperty("offlineSince", k.offlineSince() == null ? null : k.offlineSince().toString());
            o.addProperty("firstSeen", k.firstSeen() == null ? null : k.firstSeen().toString());
            o.addProperty("lastSeen", k.lastSeen() == null ? null : k.lastSeen().toString());
            o.addProperty("serialNumber", k.serialNumber());
            o.addProperty("macAddress", k.macAddress());
            o.addProperty("site", k.site());
            o.addProperty("profile", k.profile());
            o.addProperty("credentialEntry", k.credentialEntry());
            DeviceReading r = k.lastReading();
            if (r == null) {
                o.add("lastReading", JsonNull.INSTANCE);
            } else {
                JsonObject reading = new JsonObject();
                reading.addProperty("readAt", r.readAt().toString());
                reading.addProperty("manufacturer", r.identity().manufacturer());
                reading.addProperty("model", r.identity().model());
                r.meter("total").ifPresent(m -> reading.addProperty("total", m.value()));
                o.add("lastReading", reading);
            }
            out.add(o);
        }
        return new GsonBuilder().setPrettyPrinting().serializeNulls().disableHtmlEscaping().create().toJson(out);
    }

    private static String value(String[] args, int i, String option) {
        if (i >= args.length) {
            throw new IllegalArgumentException(option + " needs a value");
        }
        return args[i];
    }
}
