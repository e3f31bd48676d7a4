package org.printscout.itest.appliance;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The [Service] section of a systemd unit file, and the command line that starts its ExecStart the
 * way systemd would on a machine where systemd is not PID 1 (a CI container): as the unit's User and
 * Group, with its ambient capabilities, no-new-privileges, umask and environment. The tests take every
 * one of these from the unit itself, so a change to the unit is what the tests run.
 */
final class SystemdUnit {

    private final Map<String, List<String>> service;

    private SystemdUnit(Map<String, List<String>> service) {
        this.service = service;
    }

    static SystemdUnit read(Path file) throws IOException {
        Map<String, List<String>> service = new LinkedHashMap<>();
        String section = "";
        for (String raw : Files.readAllLines(file)) {
            String line = raw.strip();
            if (line.isEmpty() || line.startsWith("#") || line.startsWith(";")) {
                continue;
            }
            if (line.startsWith("[")) {
                section = line;
                continue;
            }
            int eq = line.indexOf('=');
            if ("[Service]".equals(section) && eq > 0) {
                service.computeIfAbsent(line.substring(0, eq).strip(), k -> new ArrayList<>()).add(line.substring(eq + 1).strip());
            }
        }
        return new SystemdUnit(service);
    }

    /** The last value of a key (systemd's rule for single-valued keys), or null. */
    String value(String key) {
        List<String> values = service.get(key);
        return values == null || values.isEmpty() ? null : values.get(values.size() - 1);
    }

    String user() {
        return value("User");
    }

    /** setpriv + env + ExecStart: the process systemd would start, as far as a test can reproduce it without systemd. */
    List<String> commandLine(Map<String, String> extraEnvironment) throws IOException {
        List<String> cmd = new ArrayList<>(List.of("setpriv", "--reuid=" + user(), "--regid=" + value("Group"), "--init-groups"));
        String ambient = value("AmbientCapabilities");
        if (ambient != null && !ambient.isEmpty()) {
            StringBuilder caps = new StringBuilder();
            for (String cap : ambient.split("\\s+")) {
                caps.append(caps.length() == 0 ? "" : ",").append('+').append(cap.toLowerCase().replaceFirst("^cap_", ""));
            }
            cmd.add("--inh-caps=" + caps);
            cmd.add("--ambient-caps=" + caps);
        }
        if ("true".equals(value("NoNewPrivileges"))) {
            cmd.add("--no-new-privs");
        }
        cmd.addAll(List.of("env", "-i", "PATH=/usr/local/bin:/usr/bin:/bin", "LANG=C.UTF-8"));
        List<String> environment = service.getOrDefault("Environment", List.of());
        cmd.addAll(environment);
        String environmentFile = value("EnvironmentFile");
        if (environmentFile != null) {
            Path file = Path.of(environmentFile.replaceFirst("^-", ""));
            if (Files.isRegularFile(file)) {
                for (String line : Files.readAllLines(file)) {
                    if (!line.isBlank() && !line.strip().startsWith("#")) {
                        cmd.add(line.strip());
                    }
                }
            }
        }
        extraEnvironment.forEach((k, v) -> cmd.add(k + "=" + v));
        String umask = value("UMask");
        String exec = value("ExecStart");
        // the umask is set by a shell in front of ExecStart, as systemd sets it before exec
        cmd.addAll(List.of("/bin/sh", "-c", "umask " + (umask == null ? "0022" : umask) + " && exec " + exec));
        return cmd;
    }
}
