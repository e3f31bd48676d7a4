package org.printscout.shell.internal;

import java.io.IOException;
import java.io.Reader;
import java.io.StringWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.apache.felix.service.command.Descriptor;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.printscout.api.collect.DeviceReader;
import org.printscout.api.model.DeviceReading;
import org.printscout.api.snmp.Oid;
import org.printscout.api.snmp.SnmpReader;
import org.printscout.api.snmp.SnmpTarget;
import org.printscout.api.snmp.Snapshot;
import org.printscout.api.snmp.SnmprecFormat;
import org.printscout.api.snmp.VarBind;
import org.printscout.api.snmp.WalkLimits;
import org.printscout.api.snmp.WalkResult;

/** {@code scout:read} and {@code scout:walk}: one device, on demand. */
@Component(service = ReadCommands.class, property = {"osgi.command.scope=scout", "osgi.command.function=read",
        "osgi.command.function=walk", "osgi.command.function=replay"})
public final class ReadCommands {

    private static final Oid DEFAULT_WALK_ROOT = Oid.parse("1.3.6.1");
    private static final int DEFAULT_WALK_ROWS = 100_000;

    private final DeviceReader deviceReader;
    private final SnmpReader snmp;
    private final TargetResolver targets;

    @Activate
    public ReadCommands(@Reference DeviceReader deviceReader, @Reference SnmpReader snmp,
                        @Reference TargetResolver targets) {
        this.deviceReader = deviceReader;
        this.snmp = snmp;
        this.targets = targets;
    }

    @Descriptor("read one device: identity, status, meters, supplies, alerts; which mapper gave which field")
    public String read(@Descriptor("HOST[:PORT] [--profile NAME | -v 1|2c|3 -c COMMUNITY -u USER -l LEVEL -a PROTO -A PASS "
            + "-x PROTO -X PASS -n CONTEXT -t SECONDS -r RETRIES] [--json]") String... args) throws Exception {
        SnmpCommandLine cl = SnmpCommandLine.parse(args);
        if (cl.positional.size() != 1) {
            throw new IllegalArgumentException("usage: scout:read HOST[:PORT] [options] [--json]");
        }
        long start = System.nanoTime();
        DeviceReading reading = firstThatAnswers(targets.resolve(cl, cl.positional.get(0)), cl,
                target -> deviceReader.read(target).toCompletableFuture());
        long millis = (System.nanoTime() - start) / 1_000_000;
        return cl.json ? ReadingFormat.json(reading) : ReadingFormat.table(reading, millis);
    }

    @Descriptor("read a recorded device (.snmprec, e.g. from scout:walk) exactly as a live one")
    public String replay(@Descriptor("FILE.snmprec [--json]") String... args) throws Exception {
        SnmpCommandLine cl = SnmpCommandLine.parse(args);
        if (cl.positional.size() != 1 || cl.hasCredentialOptions()) {
            throw new IllegalArgumentException("usage: scout:replay FILE.snmprec [--json]");
        }
        Path file = Path.of(cl.positional.get(0));
        Snapshot recording;
        try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            recording = SnmprecFormat.readLenient(in, file.toString(), skipped -> { });
        } catch (java.nio.file.NoSuchFileException e) {
            throw new IOException("no such file: " + file);
        }
        long start = System.nanoTime();
        DeviceReading reading = deviceReader.replay(recording, file.getFileName().toString())
                .toCompletableFuture().get(60, TimeUnit.SECONDS);
        long millis = (System.nanoTime() - start) / 1_000_000;
        return cl.json ? ReadingFormat.json(reading) : ReadingFormat.table(reading, millis);
    }

    @Descriptor("walk a device's MIB into .snmprec lines (replayable by the simulator)")
    public String walk(@Descriptor("HOST[:PORT] [OID] [--out FILE] [--max-rows N] [credential options as scout:read]")
                       String... args) throws Exception {
        SnmpCommandLine cl = SnmpCommandLine.parse(args);
        if (cl.positional.isEmpty() || cl.positional.size() > 2) {
            throw new IllegalArgumentException("usage: scout:walk HOST[:PORT] [OID] [--out FILE] [options]");
        }
        Oid root = cl.positional.size() == 2 ? Oid.parse(cl.positional.get(1)) : DEFAULT_WALK_ROOT;
        WalkLimits limits = new WalkLimits(cl.maxRows == null ? DEFAULT_WALK_ROWS : cl.maxRows, Duration.ofMinutes(10));
        List<SnmpTarget> candidates = targets.resolve(cl, cl.positional.get(0));
        SnmpTarget[] used = new SnmpTarget[1];
        WalkResult result = firstThatAnswers(candidates, cl, target -> {
            used[0] = target;
            return snmp.walk(target, List.of(root), limits).toCompletableFuture();
        });
        SnmpTarget target = used[0];
        String ending = result.complete() ? "complete" : "stopped early: " + result.stop().getMessage();
        if (cl.out == null) {
            StringWriter text = new StringWriter();
            write(text, result.values());
            return text + "# " + result.values().size() + " values, " + result.requests() + " requests, " + ending + "\n";
        }
        Path file = Path.of(cl.out).toAbsolutePath();
        Path tmp = file.resolveSibling(file.getFileName() + ".part");
        try (Writer w = Files.newBufferedWriter(tmp, StandardCharsets.UTF_8)) {
            write(w, result.values());
        }
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        return result.values().size() + " values from " + target.describe() + " written to " + file + " ("
                + result.requests() + " requests, " + ending + ")\n";
    }

    private static void write(Writer w, List<VarBind> values) {
        for (VarBind vb : values) {
            SnmprecFormat.write(w, vb.oid(), vb.value());
        }
    }

    /**
     * Tries the targets in order (a profile's credentials) and returns the first answer; when none
     * answers, the error lists each credential's failure.
     */
    private static <T> T firstThatAnswers(List<SnmpTarget> candidates, SnmpCommandLine cl,
                                          java.util.function.Function<SnmpTarget, java.util.concurrent.CompletableFuture<T>> call)
            throws Exception {
        List<String> failures = new java.util.ArrayList<>();
        for (SnmpTarget target : candidates) {
            try {
                return await(call.apply(target), target, cl);
            } catch (IOException e) {
                if (candidates.size() == 1) {
                    throw e;
                }
                failures.add(target.credential() + ": " + e.getMessage());
            }
        }
        throw new IOException("no credential answered: " + String.join("; ", failures));
    }

    /** Waits for the result; failures become one-line messages that name the device and never a secret. */
    private static <T> T await(java.util.concurrent.CompletableFuture<T> future, SnmpTarget target, SnmpCommandLine cl)
            throws Exception {
        long limit = Math.max(60, (long) (target.timeout().toSeconds() + 1) * (target.retries() + 1) * 20);
        try {
            return future.get(limit, TimeUnit.SECONDS);
        } catch (ExecutionException | CompletionException e) {
            Throwable cause = e.getCause() == null ? e : e.getCause();
            String message = cause.getMessage() == null ? cause.toString() : cause.getMessage();
            for (String secret : SnmpCommandLine.secretsOf(cl)) {
                message = message.replace(secret, "***");
            }
            throw new IOException(message.startsWith(target.describe()) ? message : target.describe() + ": " + message, null);
        } catch (TimeoutException e) {
            future.cancel(true);
            throw new IOException(target.describe() + ": gave up after " + limit + " s");
        }
    }
}
