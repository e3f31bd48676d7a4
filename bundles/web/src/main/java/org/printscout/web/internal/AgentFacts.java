package org.printscout.web.internal;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.Constants;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.printscout.api.command.CommandQueue;
import org.printscout.api.inventory.Inventory;
import org.printscout.api.inventory.KnownDevice;
import org.printscout.api.model.Supply;
import org.printscout.api.status.StatusContributor;

/**
 * What the pages and the JSON API show, gathered in one place from the api's services: the status
 * sections other bundles contribute (schedules, last scans, spool, portal), the inventory, bundle states.
 */
@Component(service = AgentFacts.class)
public final class AgentFacts {

    private final BundleContext context;
    private final Inventory inventory;
    private final Instant started = Instant.now();

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
    private volatile List<StatusContributor> contributors;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    private volatile CommandQueue portalQueue;

    @Activate
    public AgentFacts(BundleContext context, @Reference Inventory inventory) {
        this.context = context;
        this.inventory = inventory;
    }

    String version() {
        return context.getBundle().getVersion().toString();
    }

    Duration uptime() {
        return Duration.between(started, Instant.now());
    }

    /** The upload bundle registers the portal's command queue only while the agent is activated. */
    boolean activated() {
        return portalQueue != null;
    }

    /** Bundles that should run and do not (fragments never become ACTIVE). */
    List<String> bundlesNotActive() {
        List<String> out = new ArrayList<>();
        for (Bundle b : context.getBundles()) {
            boolean fragment = b.getHeaders().get(Constants.FRAGMENT_HOST) != null;
            if (!fragment && b.getState() != Bundle.ACTIVE && b.getState() != Bundle.STARTING) {
                out.add(b.getSymbolicName());
            }
        }
        return out;
    }

    /** Status sections by title, each read defensively: one broken contributor does not hide the others. */
    Map<String, String> sections() {
        Map<String, String> out = new LinkedHashMap<>();
        List<StatusContributor> all = new ArrayList<>(contributors == null ? List.of() : contributors);
        all.sort(Comparator.comparing(StatusContributor::title));
        for (StatusContributor c : all) {
            try {
                out.put(c.title(), c.text());
            } catch (RuntimeException e) {
                out.put(String.valueOf(c.getClass().getSimpleName()), "unavailable: " + e.getMessage());
            }
        }
        return out;
    }

    List<KnownDevice> devices() {
        return inventory.devices();
    }

    static String supplyLevel(Supply s) {
        if (s.percent().isPresent()) {
            return Math.round(s.percent().getAsDouble()) + " %";
        }
        return switch (s.level().kind()) {
            case SOME_REMAINING -> "some remaining";
            case UNKNOWN -> "unknown";
            case OTHER -> "other";
            default -> s.level().amount() + (s.unit() == null ? "" : " " + s.unit());
        };
    }
}
