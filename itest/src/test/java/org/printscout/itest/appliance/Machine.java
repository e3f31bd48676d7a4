package org.printscout.itest.appliance;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/** Commands run on the test machine as root (dpkg, useradd, systemd-analyze), with their output kept for the failure message. */
final class Machine {

    record Result(int status, String out, String err) {
        String describe() {
            return "exit " + status + "\nstdout:\n" + out + "\nstderr:\n" + err;
        }
    }

    private Machine() {
    }

    /** These tests install users, units and packages: they need root, and fail (never skip) without it. */
    static void requireRoot() throws Exception {
        Result id = run(Map.of(), "id", "-u");
        if (!"0".equals(id.out().strip())) {
            throw new AssertionError("the appliance tests run as root (CI does; they install a package and a system user), not as uid " + id.out());
        }
    }

    static Result run(Map<String, String> environment, String... command) throws Exception {
        return run(environment, List.of(command));
    }

    static Result run(Map<String, String> environment, List<String> command) throws Exception {
        ProcessBuilder pb = new ProcessBuilder(command);
        pb.environment().putAll(environment);
        pb.environment().put("DEBIAN_FRONTEND", "noninteractive");
        Path out = Files.createTempFile("machine-out", ".txt");
        Path err = Files.createTempFile("machine-err", ".txt");
        pb.redirectOutput(out.toFile()).redirectError(err.toFile()).redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
        Process p = pb.start();
        if (!p.waitFor(180, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError(String.join(" ", command) + " did not finish in 180 s");
        }
        Result result = new Result(p.exitValue(), Files.readString(out), Files.readString(err));
        Files.delete(out);
        Files.delete(err);
        return result;
    }

    static Result verifyUnit(Path unit) throws Exception {
        return run(Map.of("SYSTEMD_LOG_COLOR", "0"), "systemd-analyze", "verify", unit.toString());
    }

    static String owner(Path p) throws IOException {
        return Files.getOwner(p, LinkOption.NOFOLLOW_LINKS).getName();
    }

    static String mode(Path p) throws IOException {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(p, LinkOption.NOFOLLOW_LINKS));
    }

    static String uid(String user) throws Exception {
        return run(Map.of(), "id", "-u", user).out().strip();
    }

    static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        List<Path> all = new ArrayList<>();
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(all::add);
        }
        for (Path p : all) {
            Files.deleteIfExists(p);
        }
    }
}
