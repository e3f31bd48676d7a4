package org.printscout.rollout.internal;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleException;
import org.osgi.framework.Constants;
import org.osgi.framework.FrameworkEvent;
import org.osgi.framework.wiring.BundleWire;
import org.osgi.framework.wiring.BundleWiring;
import org.osgi.framework.wiring.FrameworkWiring;
import org.osgi.service.component.runtime.ServiceComponentRuntime;
import org.osgi.service.component.runtime.dto.ComponentConfigurationDTO;
import org.osgi.service.component.runtime.dto.ComponentDescriptionDTO;
import org.osgi.service.component.runtime.dto.UnsatisfiedReferenceDTO;

/**
 * The framework side of a set: installs portal bundles under the location {@value #LOCATION}NAME,
 * updates a bundle already there (a shipped one too, to a newer signed version), uninstalls the portal's
 * bundles a set no longer lists (shipped bundles get their own jar back, never uninstalled), refreshes
 * and waits for the refresh to finish, starts, and judges health through the DS runtime.
 */
final class BundleInstaller {

    static final String LOCATION = "printscout-rollout:";

    private final BundleContext context;
    private final Store store;
    private final ServiceComponentRuntime scr;

    BundleInstaller(BundleContext context, Store store, ServiceComponentRuntime scr) {
        this.context = context;
        this.store = store;
        this.scr = scr;
    }

    /** The version installed under this symbolic name (the highest if several), or null. */
    String installedVersion(String symbolicName) {
        return bundles(symbolicName).stream().map(b -> b.getVersion().toString())
                .max((a, b) -> ArtifactVersion.parse(a).compareTo(ArtifactVersion.parse(b))).orElse(null);
    }

    /** Why no rollout can replace this bundle, or null: the framework comes only with a new agent version. */
    String untouchable(String symbolicName) {
        if (symbolicName.equals(context.getBundle(0).getSymbolicName())) {
            return symbolicName + " is the OSGi framework: a new framework needs a new agent version (the package or layout), not a rollout";
        }
        return null;
    }

    /**
     * The shipped bundles the rollout bundle runs on: itself and, transitively, every bundle it is wired
     * to (a refresh of one refreshes all that depend on it). Changing one while the agent runs would stop
     * the rollout half-way, so such a change is made without a refresh and applied by a restart of the
     * framework, the Restart Agent way (the restart resolves every bundle anew).
     */
    Set<String> restartBound() {
        Set<String> names = new LinkedHashSet<>();
        List<Bundle> todo = new ArrayList<>(List.of(context.getBundle()));
        while (!todo.isEmpty()) {
            Bundle bundle = todo.remove(todo.size() - 1);
            if (bundle.getBundleId() == 0 || bundle.getLocation().startsWith(LOCATION) || !names.add(bundle.getSymbolicName())) {
                continue;
            }
            BundleWiring wiring = bundle.adapt(BundleWiring.class);
            if (wiring != null) {
                for (BundleWire wire : wiring.getRequiredWires(null)) {
                    todo.add(wire.getProvider().getBundle());
                }
            }
        }
        return names;
    }

    /** A change to a restart-bound bundle: its new bytes, or null to give a shipped bundle its own jar back. */
    record Deferred(Bundle bundle, Installed entry) {
        String describe() {
            return bundle.getSymbolicName() + " " + bundle.getVersion() + " to " + (entry == null ? "its shipped jar" : entry.version());
        }
    }

    /**
     * The changes {@code target} makes to restart-bound bundles: an entry whose version is not the
     * running one, and a shipped bundle a set had updated that {@code target} no longer lists. Empty
     * when the framework runs what {@code target} asks of them.
     */
    List<Deferred> deferred(Collection<Installed> target, Collection<Installed> managed) {
        Set<String> bound = restartBound();
        Map<String, Installed> wanted = target.stream().filter(Installed::bundle)
                .collect(Collectors.toMap(Installed::symbolicName, Function.identity(), (a, b) -> b));
        Set<String> touchedNames = managed.stream().filter(Installed::bundle).map(Installed::symbolicName).collect(Collectors.toSet());
        List<Deferred> out = new ArrayList<>();
        for (Bundle bundle : context.getBundles()) {
            String name = bundle.getSymbolicName();
            if (name == null || !bound.contains(name)) {
                continue;
            }
            Installed entry = wanted.get(name);
            if (entry != null && ArtifactVersion.parse(bundle.getVersion().toString()).compareTo(ArtifactVersion.parse(entry.version())) != 0) {
                out.add(new Deferred(bundle, entry));
            } else if (entry == null && touchedNames.contains(name) && updatedByUs(bundle)) {
                out.add(new Deferred(bundle, null));
            }
        }
        return out;
    }

    /**
     * Makes the deferred changes and restarts the framework on a thread of its own, as Restart Agent
     * does (an update of the system bundle: Felix's launcher starts it again in the same process, the
     * bundle cache kept). The bytes are read first and the rollout bundle is updated last: its own
     * update stops this component, whose thread must be free by then.
     */
    void restartWith(List<Deferred> changes, java.util.function.Consumer<String> failed) throws IOException {
        Bundle system = context.getBundle(0);
        Bundle self = context.getBundle();
        List<Deferred> ordered = new ArrayList<>(changes);
        ordered.sort((a, b) -> Boolean.compare(a.bundle().equals(self), b.bundle().equals(self)));
        List<byte[]> contents = new ArrayList<>();
        for (Deferred change : ordered) {
            contents.add(change.entry() == null ? null : Files.readAllBytes(store.file(change.entry().sha256())));
        }
        Thread restart = new Thread(() -> {
            for (int i = 0; i < ordered.size(); i++) {
                try {
                    if (contents.get(i) == null) {
                        ordered.get(i).bundle().update();
                    } else {
                        ordered.get(i).bundle().update(new java.io.ByteArrayInputStream(contents.get(i)));
                    }
                } catch (BundleException | IllegalStateException e) {
                    // the restart goes ahead: after it the rollout sees the change not made and puts the previous set back
                    failed.accept(ordered.get(i).describe() + ": " + e.getMessage());
                }
            }
            try {
                system.update();
            } catch (BundleException | IllegalStateException e) {
                failed.accept("the framework did not restart: " + e.getMessage());
            }
        }, "printscout-rollout-restart");
        restart.start();
    }

    /** The symbolic names of the shipped bundles now ACTIVE: after a restart each must be ACTIVE again. */
    List<String> activeShipped() {
        List<String> names = new ArrayList<>();
        for (Bundle bundle : context.getBundles()) {
            if (bundle.getBundleId() != 0 && bundle.getState() == Bundle.ACTIVE && !bundle.getLocation().startsWith(LOCATION)) {
                names.add(bundle.getSymbolicName());
            }
        }
        return names;
    }

    /** Waits until a bundle of each of these symbolic names is ACTIVE, at most {@code timeout}; returns which are not, or null. */
    String notActive(Collection<String> symbolicNames, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            Set<String> active = new LinkedHashSet<>();
            for (Bundle bundle : context.getBundles()) {
                if (bundle.getState() == Bundle.ACTIVE) {
                    active.add(bundle.getSymbolicName());
                }
            }
            List<String> missing = symbolicNames.stream().filter(n -> !active.contains(n)).toList();
            if (missing.isEmpty()) {
                return null;
            }
            if (System.nanoTime() - deadline > 0) {
                List<String> states = new ArrayList<>();
                for (Bundle bundle : named(missing)) {
                    states.add(bundle.getSymbolicName() + " " + bundle.getVersion() + " is " + state(bundle.getState()));
                }
                return "after the restart " + (states.isEmpty() ? String.join(", ", missing) + " are gone" : String.join(", ", states))
                        + ", not ACTIVE as before it (after " + timeout.toSeconds() + " s)";
            }
            Thread.sleep(200);
        }
    }

    /** The bundles of these symbolic names, as the framework holds them now. */
    List<Bundle> named(Collection<String> symbolicNames) {
        List<Bundle> found = new ArrayList<>();
        for (Bundle bundle : context.getBundles()) {
            if (symbolicNames.contains(bundle.getSymbolicName())) {
                found.add(bundle);
            }
        }
        return found;
    }

    /**
     * Makes the framework hold {@code target}'s bundles. {@code managed} is every entry of the sets
     * involved (previous and next), so a shipped bundle one of them had updated gets its own jar back.
     *
     * @return the bundles installed or updated, to start and check
     */
    List<Bundle> apply(Collection<Installed> target, Collection<Installed> managed) throws BundleException, IOException, InterruptedException {
        return apply(target, managed, Set.of());
    }

    /** As {@link #apply(Collection, Collection)}, leaving the bundles named in {@code deferred} as they are. */
    List<Bundle> apply(Collection<Installed> target, Collection<Installed> managed, Set<String> deferred)
            throws BundleException, IOException, InterruptedException {
        Map<String, Installed> wanted = target.stream().filter(Installed::bundle)
                .collect(Collectors.toMap(Installed::symbolicName, Function.identity(), (a, b) -> b));
        Set<String> touchedNames = managed.stream().filter(Installed::bundle).map(Installed::symbolicName).collect(Collectors.toSet());
        Set<Bundle> refresh = new LinkedHashSet<>();
        List<Bundle> changed = new ArrayList<>();
        for (Bundle bundle : context.getBundles()) {
            String name = bundle.getSymbolicName();
            if (name == null || wanted.containsKey(name) || deferred.contains(name)) {
                continue;
            }
            if (bundle.getLocation().startsWith(LOCATION)) {
                bundle.uninstall();
                refresh.add(bundle);
            } else if (touchedNames.contains(name) && !bundle.getLocation().startsWith(LOCATION) && updatedByUs(bundle)) {
                bundle.update();
                refresh.add(bundle);
                changed.add(bundle);
            }
        }
        for (Installed entry : wanted.values()) {
            if (deferred.contains(entry.symbolicName())) {
                continue;
            }
            List<Bundle> existing = bundles(entry.symbolicName());
            Bundle bundle = existing.stream().filter(b -> b.getLocation().startsWith(LOCATION)).findFirst()
                    .orElse(existing.isEmpty() ? null : existing.get(0));
            if (bundle == null) {
                try (InputStream in = Files.newInputStream(store.file(entry.sha256()))) {
                    changed.add(context.installBundle(LOCATION + entry.symbolicName(), in));
                }
            } else if (ArtifactVersion.parse(bundle.getVersion().toString()).compareTo(ArtifactVersion.parse(entry.version())) != 0) {
                try (InputStream in = Files.newInputStream(store.file(entry.sha256()))) {
                    bundle.update(in);
                }
                refresh.add(bundle);
                changed.add(bundle);
            }
        }
        refresh(refresh);
        return changed;
    }

    /** A shipped bundle whose running version is not the one of its own jar (the rollout updated it). */
    private static boolean updatedByUs(Bundle bundle) {
        return !bundle.getHeaders("").isEmpty() && bundle.getLocation().startsWith("file:")
                && !java.util.Objects.equals(shippedVersion(bundle), bundle.getVersion().toString());
    }

    private static String shippedVersion(Bundle bundle) {
        try (java.util.jar.JarFile jar = new java.util.jar.JarFile(new java.io.File(java.net.URI.create(bundle.getLocation())))) {
            String version = jar.getManifest().getMainAttributes().getValue(Constants.BUNDLE_VERSION);
            return version == null ? null : org.osgi.framework.Version.parseVersion(version).toString();
        } catch (IOException | IllegalArgumentException e) {
            return null;
        }
    }

    private List<Bundle> bundles(String symbolicName) {
        List<Bundle> found = new ArrayList<>();
        for (Bundle bundle : context.getBundles()) {
            if (symbolicName.equals(bundle.getSymbolicName())) {
                found.add(bundle);
            }
        }
        return found;
    }

    private void refresh(Collection<Bundle> bundles) throws InterruptedException {
        if (bundles.isEmpty()) {
            return;
        }
        CountDownLatch done = new CountDownLatch(1);
        FrameworkWiring wiring = context.getBundle(Constants.SYSTEM_BUNDLE_LOCATION).adapt(FrameworkWiring.class);
        wiring.refreshBundles(bundles, event -> {
            if (event.getType() == FrameworkEvent.PACKAGES_REFRESHED || event.getType() == FrameworkEvent.ERROR) {
                done.countDown();
            }
        });
        if (!done.await(2, TimeUnit.MINUTES)) {
            throw new IllegalStateException("the framework did not finish refreshing " + names(bundles) + " within 2 minutes");
        }
    }

    /** Starts the bundles; returns why the first that cannot start does not (its resolution failure), or null. */
    String start(List<Bundle> bundles) {
        List<String> failures = new ArrayList<>();
        for (Bundle bundle : bundles) {
            if (bundle.getState() == Bundle.UNINSTALLED || fragment(bundle)) {
                continue;
            }
            try {
                bundle.start();
            } catch (BundleException | IllegalStateException e) {
                String message = String.valueOf(e.getMessage());
                failures.add(bundle.getSymbolicName() + " " + bundle.getVersion() + " does not start: " + message
                        + (message.contains("osgi.ee") ? " (it needs another Java than this agent's " + System.getProperty("java.version")
                        + ": install that Java runtime, then roll the set out again)" : ""));
            }
        }
        return failures.isEmpty() ? null : String.join("; ", failures);
    }

    /**
     * Waits until every bundle is ACTIVE (a fragment RESOLVED) and each of its DS components is
     * satisfied, at most {@code timeout}; returns why not, or null when healthy.
     */
    String unhealthy(List<Bundle> bundles, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            String reason = check(bundles);
            if (reason == null || System.nanoTime() - deadline > 0) {
                return reason == null ? null : reason + " (after " + timeout.toSeconds() + " s)";
            }
            Thread.sleep(200);
        }
    }

    private String check(List<Bundle> bundles) {
        for (Bundle bundle : bundles) {
            String name = bundle.getSymbolicName() + " " + bundle.getVersion();
            if (fragment(bundle)) {
                if (bundle.getState() != Bundle.RESOLVED) {
                    return name + " is a fragment that is not resolved";
                }
                continue;
            }
            if (bundle.getState() != Bundle.ACTIVE) {
                return name + " is " + state(bundle.getState()) + ", not ACTIVE";
            }
            for (ComponentDescriptionDTO description : scr.getComponentDescriptionDTOs(bundle)) {
                if (!scr.isComponentEnabled(description)) {
                    continue;
                }
                for (ComponentConfigurationDTO configuration : scr.getComponentConfigurationDTOs(description)) {
                    String problem = problem(configuration);
                    if (problem != null) {
                        return name + ": component " + description.name + " " + problem;
                    }
                }
            }
        }
        return null;
    }

    private static String problem(ComponentConfigurationDTO configuration) {
        switch (configuration.state) {
            case ComponentConfigurationDTO.ACTIVE:
            case ComponentConfigurationDTO.SATISFIED:
                return null;
            case ComponentConfigurationDTO.UNSATISFIED_REFERENCE:
                List<String> references = new ArrayList<>();
                for (UnsatisfiedReferenceDTO reference : configuration.unsatisfiedReferences) {
                    references.add(reference.name + " (" + reference.target + ")");
                }
                return "has unsatisfied references: " + String.join(", ", references);
            case ComponentConfigurationDTO.UNSATISFIED_CONFIGURATION:
                return "waits for its configuration";
            default:
                return "failed to activate: " + configuration.failure;
        }
    }

    private static boolean fragment(Bundle bundle) {
        return bundle.getHeaders("").get(Constants.FRAGMENT_HOST) != null;
    }

    private static String state(int state) {
        switch (state) {
            case Bundle.INSTALLED:
                return "INSTALLED (not resolved)";
            case Bundle.RESOLVED:
                return "RESOLVED";
            case Bundle.STARTING:
                return "STARTING";
            case Bundle.STOPPING:
                return "STOPPING";
            case Bundle.UNINSTALLED:
                return "UNINSTALLED";
            default:
                return "ACTIVE";
        }
    }

    private static String names(Collection<Bundle> bundles) {
        return bundles.stream().map(b -> b.getSymbolicName() + " " + b.getVersion()).collect(Collectors.joining(", "));
    }
}
