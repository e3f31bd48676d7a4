package org.printscout.command.core.internal;

import java.io.IOException;
import java.io.Writer;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Pattern;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.Designate;
import org.printscout.api.command.Command;
import org.printscout.api.command.CommandCodes;
import org.printscout.api.command.CommandHandler;
import org.printscout.api.command.CommandResult;
import org.printscout.api.command.CommandWorkspace;
import org.printscout.api.discovery.Discovery;
import org.printscout.api.inventory.Inventory;
import org.printscout.api.inventory.KnownDevice;
import org.printscout.api.snmp.CredentialProfile;
import org.printscout.api.snmp.Oid;
import org.printscout.api.snmp.SnmpReader;
import org.printscout.api.snmp.SnmpTarget;
import org.printscout.api.snmp.SnmprecFormat;
import org.printscout.api.snmp.VarBind;
import org.printscout.api.snmp.WalkLimits;
import org.printscout.api.snmp.WalkResult;

/**
 * Walk MIB: the one on-request exception to "read only what the mappers declare". Parameter
 * {@code IP [OID]}: walks the subtree (default MIB-2 {@code 1.3.6.1.2.1} and enterprises
 * {@code 1.3.6.1.4.1}) of a device the inventory knows, with the credential it answered to last,
 * into a {@code .snmprec} file (replayable by the simulator and mapper tests). Read-only by
 * construction (the reader has GETNEXT/GETBULK, no SET), bounded in values and time; an address the
 * inventory does not know is refused, so the command cannot be used to probe the network.
 */
@Component(service = CommandHandler.class, configurationPid = "org.printscout.command.walk",
        property = CommandHandler.CODE + ":Integer=" + CommandCodes.WALK_MIB)
@Designate(ocd = WalkConfig.class)
public final class WalkMibHandler implements CommandHandler {

    static final List<Oid> DEFAULT_ROOTS = List.of(Oid.parse("1.3.6.1.2.1"), Oid.parse("1.3.6.1.4.1"));
    private static final Pattern IPV4 = Pattern.compile("(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)(\\.(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)){3}");
    private static final Pattern IPV6 = Pattern.compile("[0-9A-Fa-f:.]*:[0-9A-Fa-f:.]*");

    private final Inventory inventory;
    private final Discovery discovery;
    private final SnmpReader snmp;
    private final CommandWorkspace workspace;
    private final WalkLimits limits;

    @Activate
    public WalkMibHandler(@Reference Inventory inventory, @Reference Discovery discovery, @Reference SnmpReader snmp,
                          @Reference CommandWorkspace workspace, WalkConfig config) {
        this(inventory, discovery, snmp, workspace, limits(config));
    }

    WalkMibHandler(Inventory inventory, Discovery discovery, SnmpReader snmp, CommandWorkspace workspace, WalkLimits limits) {
        this.inventory = inventory;
        this.discovery = discovery;
        this.snmp = snmp;
        this.workspace = workspace;
        this.limits = limits;
    }

    private static WalkLimits limits(WalkConfig config) {
        if (config.maxRows() < 1 || config.maxRows() > 1_000_000) {
            throw new IllegalArgumentException("org.printscout.command.walk: key 'maxRows' is " + config.maxRows()
                    + "; it must be between 1 and 1000000");
        }
        if (config.maxSeconds() < 10 || config.maxSeconds() > 3600) {
            throw new IllegalArgumentException("org.printscout.command.walk: key 'maxSeconds' is " + config.maxSeconds()
                    + "; it must be between 10 and 3600");
        }
        return new WalkLimits(config.maxRows(), Duration.ofSeconds(config.maxSeconds()));
    }

    @Override
    public CommandResult execute(Command command) throws IOException, InterruptedException {
        String[] words = command.parameter().strip().split("\\s+");
        if (command.parameter().isBlank() || words.length > 2) {
            return CommandResult.failed("Walk MIB takes an IP address, optionally followed by a space and an OID subtree "
                    + "(e.g. '10.0.0.5' or '10.0.0.5 1.3.6.1.2.1.43'), not '" + command.parameter() + "'");
        }
        String address = literal(words[0]);
        if (address == null) {
            return CommandResult.failed("'" + words[0] + "' is not an IP address (host names are not looked up)");
        }
        List<Oid> roots;
        try {
            roots = words.length == 2 ? List.of(Oid.parse(words[1])) : DEFAULT_ROOTS;
        } catch (IllegalArgumentException e) {
            return CommandResult.failed("'" + words[1] + "' is not an OID: " + e.getMessage());
        }
        List<KnownDevice> known = inventory.devices().stream().filter(d -> address.equals(literal(d.address())))
                .sorted(Comparator.comparing(KnownDevice::online).reversed()
                        .thenComparing(KnownDevice::lastSeen, Comparator.nullsLast(Comparator.reverseOrder())))
                .toList();
        if (known.isEmpty()) {
            return CommandResult.failed(address + " is not a device this agent knows; Walk MIB reads only devices in the inventory "
                    + "(found by a discovery scan of the site's ranges)");
        }
        KnownDevice device = known.get(0);
        List<String> failures = new ArrayList<>();
        for (CredentialProfile.Entry entry : credentialsFor(device)) {
            SnmpTarget target = entry.target(new InetSocketAddress(InetAddress.getByName(address), device.port()));
            WalkResult result;
            try {
                result = await(snmp.walk(target, roots, limits).toCompletableFuture());
            } catch (IOException e) {
                failures.add(entry.id() + ": " + e.getMessage());
                continue;
            }
            Path file = workspace.directory(command).resolve("walk-" + address.replace(':', '_') + ".snmprec");
            try (Writer out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
                for (VarBind vb : result.values()) {
                    SnmprecFormat.write(out, vb.oid(), vb.value());
                }
            }
            String ending = result.complete() ? "complete" : "stopped early: " + result.stop().getMessage();
            return new CommandResult(CommandResult.Outcome.DONE, "walked " + String.join(", ", roots.stream().map(Oid::toString).toList())
                    + " of device " + device.id() + " at " + address + ":" + device.port() + ": " + result.values().size() + " values in "
                    + result.requests() + " requests, " + ending + "; file " + file.getFileName(), List.of(file));
        }
        return CommandResult.failed("device " + device.id() + " at " + address + ":" + device.port() + " did not answer the walk: "
                + (failures.isEmpty() ? "no credentials for its profile '" + device.profile() + "'" : String.join("; ", failures)));
    }

    /** The entry the device answered to last when it still exists; else every entry of its profile, in order. */
    private List<CredentialProfile.Entry> credentialsFor(KnownDevice device) {
        List<CredentialProfile.Entry> all = discovery.credentials(device.profile() == null ? "default" : device.profile());
        List<CredentialProfile.Entry> remembered = all.stream().filter(e -> e.id().equals(device.credentialEntry())).toList();
        return remembered.isEmpty() ? all : remembered;
    }

    /** Waits a little longer than the walk's own time limit (the reader ends the walk at that limit itself). */
    private <T> T await(CompletableFuture<T> future) throws IOException, InterruptedException {
        try {
            return future.get(limits.maxDuration().toMillis() + 30_000, TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause() == null ? e : e.getCause();
            throw new IOException(cause.getMessage() == null ? cause.toString() : cause.getMessage(), cause);
        } catch (TimeoutException e) {
            future.cancel(true);
            throw new IOException("no end of the walk after " + limits.maxDuration().toSeconds() + " s");
        } catch (InterruptedException e) {
            future.cancel(true);
            throw e;
        }
    }

    /** The canonical text of an IP address literal, or null for anything else (no name is looked up). */
    static String literal(String text) {
        String s = text.strip();
        if (!IPV4.matcher(s).matches() && !IPV6.matcher(s).matches()) {
            return null;
        }
        try {
            return InetAddress.getByName(s).getHostAddress().toLowerCase(Locale.ROOT);
        } catch (UnknownHostException e) {
            return null;
        }
    }
}
