package org.printscout.itest.appliance;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A copy of an assembled layout under /opt (a service's home may not lie under /tmp, which the unit's
 * PrivateTmp hides), or an installed one (the Debian package's /opt/printscout), with the agent started
 * the way its systemd unit starts it.
 */
final class Layout {

    private final Path home;
    private final boolean owned;
    private Path console;
    private Process agent;

    private Layout(Path home, boolean owned) {
        this.home = home;
        this.owned = owned;
    }

    static Layout copyOf(Path distribution) throws Exception {
        Path home = Files.createTempDirectory(Path.of("/opt"), "printscout-itest-");
        Machine.Result copy = Machine.run(Map.of(), "cp", "-a", distribution + "/.", home.toString());
        if (copy.status() != 0) {
            throw new AssertionError("copying the layout: " + copy.describe());
        }
        Machine.deleteTree(home.resolve("data"));
        Files.createDirectories(home.resolve("data"));
        return new Layout(home, true);
    }

    static Layout installedAt(Path home) {
        return new Layout(home, false);
    }

    Path path() {
        return home;
    }

    Process startAsUnit(SystemdUnit unit, Map<String, String> environment) throws Exception {
        console = Files.createTempFile("printscout-journal", ".txt");
        ProcessBuilder pb = new ProcessBuilder(unit.commandLine(environment));
        pb.redirectErrorStream(true).redirectOutput(console.toFile()).redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
        agent = pb.start();
        return agent;
    }

    /** What the agent wrote to standard output and error: what the journal would hold. */
    String console() {
        try {
            return console == null ? "" : "\nconsole:\n" + Files.readString(console);
        } catch (IOException e) {
            return "\nconsole unreadable: " + e;
        }
    }

    Machine.Result exec(String command) {
        try {
            return Machine.run(Map.of("PRINTSCOUT_START_TIMEOUT", "30"), home.resolve("bin/printscout").toString(), "exec", command);
        } catch (Exception e) {
            return new Machine.Result(-1, "", e.toString());
        }
    }

    String ok(String command) {
        Machine.Result run = exec(command);
        if (run.status() != 0) {
            throw new AssertionError(command + ": " + run.describe() + console());
        }
        return run.out();
    }

    void stopService() throws InterruptedException {
        if (agent != null && agent.isAlive()) {
            agent.destroy();
            if (!agent.waitFor(40, TimeUnit.SECONDS)) {
                agent.destroyForcibly().waitFor();
            }
        }
    }

    void delete() throws Exception {
        stopService();
        if (console != null) {
            Files.deleteIfExists(console);
        }
        if (owned) {
            Machine.deleteTree(home);
        }
    }
}
