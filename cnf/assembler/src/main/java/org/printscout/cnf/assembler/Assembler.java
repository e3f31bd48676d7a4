package org.printscout.cnf.assembler;

import java.io.IOException;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonObject;

/**
 * Assembles a Felix layout from features:
 *
 * <pre>
 * Assembler FEATURES_DIR ARTIFACTS_DIR TEMPLATE_DIR OUT_DIR feature[,feature...]
 * </pre>
 *
 * ARTIFACTS_DIR holds the build's resolved jars in repository layout (group/artifact/version); each
 * feature bundle must be found there exactly once. The template (bin/, etc/) is copied first, then
 * bundles go to {@code bundle/}, default configurations to {@code etc/PID.cfg}, and {@code etc/features.json} records what was installed for {@code scout:features}.
 */
public final class Assembler {

    public static void main(String[] args) throws IOException {
        if (args.length != 5) {
            System.err.println("usage: Assembler FEATURES_DIR ARTIFACTS_DIR TEMPLATE_DIR OUT_DIR feature[,feature...]");
            System.exit(2);
        }
        try {
            new Assembler().assemble(Path.of(args[0]), Path.of(args[1]), Path.of(args[2]), Path.of(args[3]),
                    List.of(args[4].split(",")));
        } catch (IOException | IllegalArgumentException e) {
            System.err.println("assembly failed: " + e.getMessage());
            System.exit(1);
        }
    }

    void assemble(Path featuresDir, Path artifacts, Path template, Path out, List<String> selected) throws IOException {
        Map<String, Feature> features = new LinkedHashMap<>();
        for (String name : selected) {
            load(featuresDir, name.strip(), features, new LinkedHashSet<>());
        }
        // A layout is assembled from scratch: a demo or agent run from the build tree leaves state
        // (etc/ written by bin/demo with a used activation key, data/ with a database), which must not
        // reach what a rebuild produces, nor a test that copies it.
        for (String dir : List.of("bin", "bundle", "deploy", "etc", "data")) {
            deleteTree(out.resolve(dir));
        }
        Files.createDirectories(out);
        copyTree(template, out);
        for (String dir : List.of("bundle", "deploy", "etc", "data")) {
            Files.createDirectories(out.resolve(dir));
        }
        JsonArray installed = new JsonArray();
        Set<String> placed = new LinkedHashSet<>();
        for (Feature feature : features.values()) {
            JsonObject entry = new JsonObject();
            entry.addProperty("name", feature.name());
            entry.addProperty("title", feature.title());
            JsonArray bundles = new JsonArray();
            for (String id : feature.bundles()) {
                Path jar = find(artifacts, id);
                String fileName = jar.getFileName().toString();
                if (placed.add(id)) {
                    Files.copy(jar, out.resolve("bundle").resolve(fileName), StandardCopyOption.REPLACE_EXISTING);
                }
                JsonObject b = new JsonObject();
                b.addProperty("id", id);
                b.addProperty("file", "bundle/" + fileName);
                bundles.add(b);
            }
            entry.add("bundles", bundles);
            installed.add(entry);
            for (Map.Entry<String, Map<String, String>> config : feature.configurations().entrySet()) {
                writeConfig(out.resolve("etc").resolve(config.getKey() + ".cfg"), feature.name(), config.getValue());
            }
        }
        JsonObject record = new JsonObject();
        record.add("features", installed);
        try (Writer w = Files.newBufferedWriter(out.resolve("etc/features.json"))) {
            new GsonBuilder().setPrettyPrinting().create().toJson(record, w);
        }
        for (Path script : List.of(out.resolve("bin/printscout"))) {
            if (Files.exists(script)) {
                Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwxr-xr-x"));
            }
        }
        System.out.println("assembled " + features.keySet() + " with " + placed.size() + " bundles into " + out);
    }

    private static void load(Path dir, String name, Map<String, Feature> into, Set<String> path) throws IOException {
        if (into.containsKey(name)) {
            return;
        }
        if (!path.add(name)) {
            throw new IllegalArgumentException("features require each other in a cycle: " + path);
        }
        Path file = dir.resolve(name + ".json");
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException("no feature '" + name + "' (" + file + " does not exist)");
        }
        Feature feature = Feature.read(file);
        for (String required : feature.requires()) {
            load(dir, required, into, path);
        }
        into.put(name, feature);
    }

    /** The one jar of group:artifact in a repository-layout directory. */
    static Path find(Path artifacts, String id) throws IOException {
        String[] ga = id.split(":");
        Path dir = artifacts.resolve(ga[0].replace('.', '/')).resolve(ga[1]);
        if (!Files.isDirectory(dir)) {
            throw new IllegalArgumentException("bundle " + id + " is listed in a feature but is not a dependency of the distribution");
        }
        List<Path> jars = new ArrayList<>();
        try (Stream<Path> s = Files.walk(dir)) {
            s.filter(p -> p.toString().endsWith(".jar")).forEach(jars::add);
        }
        if (jars.size() != 1) {
            throw new IllegalArgumentException("bundle " + id + ": expected one jar, found " + jars);
        }
        return jars.get(0);
    }

    private static void writeConfig(Path file, String feature, Map<String, String> props) throws IOException {
        StringBuilder sb = new StringBuilder("# Default configuration from feature '" + feature
                + "'. Edit to reconfigure the running agent.\n");
        props.forEach((k, v) -> sb.append(k).append(" = ").append(v.replace("\\", "\\\\")).append('\n'));
        Files.writeString(file, sb.toString());
    }

    private static void copyTree(Path from, Path to) throws IOException {
        if (!Files.isDirectory(from)) {
            return;
        }
        try (Stream<Path> s = Files.walk(from)) {
            for (Path p : (Iterable<Path>) s::iterator) {
                Path target = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(p, target, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
    }

    private static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : s.sorted((a, b) -> b.getNameCount() - a.getNameCount()).toList()) {
                Files.delete(p);
            }
        }
    }
}
