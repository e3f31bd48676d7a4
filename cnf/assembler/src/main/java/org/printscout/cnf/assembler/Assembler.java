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
 * bundles go to {@code bundle/}, default configurations to {@code etc/PID.cfg}, and {@code etc/features.json} records what
 * was installed for {@code scout:features}.
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
        Map<String, String> bundleNames = new java.util.TreeMap<>();
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
                    String[] identity = identity(jar);
                    bundleNames.put(identity[0], identity[1]);
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
        writeResolveCheck(out, bundleNames);
        System.out.println("assembled " + features.keySet() + " with " + placed.size() + " bundles into " + out);
    }

    /**
     * Writes {@code OUT.bndrun} beside the layout: every bundle of the layout required on the Felix
     * framework and a Java 17 runtime, for bnd's resolver, which the distribution's build runs, so a
     * missing package or capability fails the build with the requirement named instead of failing
     * the agent at a customer's site. The layout's bundles are also its expected {@code -runbundles}:
     * with {@code failOnChanges}, a layout that resolves only with a bundle it does not carry fails
     * too. One place says what a layout holds: the features.
     */
    private static void writeResolveCheck(Path out, Map<String, String> bundleNames) throws IOException {
        StringBuilder run = new StringBuilder("# Written by the assembler from the features of " + out.getFileName()
                + "; resolved by bnd-resolver-maven-plugin in the distribution's build.\n"
                + "-runfw: org.apache.felix.framework\n-runee: JavaSE-17\n-resolve.effective: active\n-runrequires: ");
        String separator = "";
        for (String name : bundleNames.keySet()) {
            run.append(separator).append("bnd.identity;id='").append(name).append('\'');
            separator = ",\\\n    ";
        }
        run.append("\n-runbundles: ");
        separator = "";
        for (Map.Entry<String, String> bundle : bundleNames.entrySet()) {
            String[] v = (bundle.getValue() + ".0.0").split("\\.");
            String floor = v[0] + "." + v[1] + "." + v[2];
            String ceiling = v[0] + "." + v[1] + "." + (Integer.parseInt(v[2]) + 1);
            run.append(separator).append(bundle.getKey()).append(";version='[").append(floor).append(',').append(ceiling).append(")'");
            separator = ",\\\n    ";
        }
        Files.writeString(out.resolveSibling(out.getFileName() + ".bndrun"), run.append('\n').toString());
    }

    /** Bundle-SymbolicName and Bundle-Version (0.0.0 when absent) of a bundle jar. */
    private static String[] identity(Path jar) throws IOException {
        try (java.util.jar.JarFile file = new java.util.jar.JarFile(jar.toFile())) {
            java.util.jar.Manifest manifest = file.getManifest();
            String name = manifest == null ? null : manifest.getMainAttributes().getValue("Bundle-SymbolicName");
            if (name == null) {
                throw new IllegalArgumentException(jar.getFileName() + " is not an OSGi bundle (no Bundle-SymbolicName)");
            }
            String version = manifest.getMainAttributes().getValue("Bundle-Version");
            return new String[] {name.split(";")[0].strip(), version == null ? "0.0.0" : version.strip()};
        }
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
