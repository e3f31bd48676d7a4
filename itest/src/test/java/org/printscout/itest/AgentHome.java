package org.printscout.itest;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A private copy of the assembled agent layout in a temporary directory, driven through
 * bin/printscout exactly as an administrator drives it.
 */
public final class AgentHome implements AutoCloseable {

    /** Output and exit status of one bin/printscout call. */
    public record Run(int status, String out, String err) {
        public String describe() {
            return "exit " + status + "\nstdout:\n" + out + "\nstderr:\n" + err;
        }
    }

    private final Path home;
    private final Map<String, String> environment = new ConcurrentHashMap<>();

    private AgentHome(Path home) {
        this.home = home;
    }

    /** Copies the distribution (without its data/) into a new temporary directory. */
    public static AgentHome copyOfDistribution() throws IOException {
        return copyOf(Path.of(System.getProperty("printscout.distribution")));
    }

    /** Copies another assembled layout (e.g. the portal's, system property printscout.portal.distribution). */
    public static AgentHome copyOf(Path distribution) throws IOException {
        Path home = Files.createTempDirectory("printscout-agent");
        try (Stream<Path> files = Files.walk(distribution)) {
            for (Path p : (Iterable<Path>) files::iterator) {
                Path rel = distribution.relativize(p);
                if (rel.startsWith("data")) {
                    continue;
                }
                Path target = home.resolve(rel.toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(p, target, StandardCopyOption.COPY_ATTRIBUTES);
                }
            }
        }
        return new AgentHome(home);
    }

    public Path path() {
        return home;
    }

    /** Sets a variable of bin/printscout's environment (e.g. PRINTSCOUT_HEAP, JAVA_OPTS) for the calls that follow. */
    public AgentHome environment(String name, String value) {
        environment.put(name, value);
        return this;
    }

    public Run start() throws Exception {
        Run run = printscout("start");
        if (run.status() != 0) {
            throw new AssertionError("agent did not start: " + run.describe());
        }
        return run;
    }

    public Run exec(String command) throws Exception {
        return printscout("exec", command);
    }

    /** Runs a Gogo command in the running agent and returns its output; fails the test when it fails. */
    public String ok(String command) {
        try {
            Run run = exec(command);
            if (run.status() != 0) {
                throw new AssertionError(command + ": " + run.describe());
            }
            return run.out();
        } catch (AssertionError e) {
            throw e;
        } catch (Exception e) {
            throw new AssertionError(command + ": " + e, e);
        }
    }

    /**
     * The command's output, or null while it cannot be run yet: the control channel answers before
     * every bundle has registered its commands, so "Command not found" while waiting is not a failure.
     */
    public String answerOrNull(String command) {
        try {
            Run run = exec(command);
            return run.status() == 0 ? run.out() : null;
        } catch (Exception e) {
            return null;
        }
    }

    public Run printscout(String... args) throws Exception {
        List<String> command = new ArrayList<>();
        command.add(home.resolve("bin/printscout").toString());
        command.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command);
        pb.environment().put("PRINTSCOUT_START_TIMEOUT", "30");
        pb.environment().putAll(environment);
        Path out = Files.createTempFile("out", ".txt");
        Path err = Files.createTempFile("err", ".txt");
        pb.redirectOutput(out.toFile()).redirectError(err.toFile());
        Process p = pb.start();
        if (!p.waitFor(120, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("bin/printscout " + String.join(" ", args) + " did not finish in 120 s");
        }
        Run run = new Run(p.exitValue(), Files.readString(out), Files.readString(err));
        Files.deleteIfExists(out);
        Files.deleteIfExists(err);
        return run;
    }

    @Override
    public void close() throws Exception {
        printscout("stop");
    }
}
