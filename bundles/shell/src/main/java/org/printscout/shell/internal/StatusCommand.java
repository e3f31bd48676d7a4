package org.printscout.shell.internal;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.Dictionary;
import java.util.Locale;

import org.apache.felix.service.command.Descriptor;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.Constants;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.framework.startlevel.BundleStartLevel;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.FieldOption;
import org.osgi.service.component.runtime.ServiceComponentRuntime;
import org.osgi.service.component.runtime.dto.ComponentConfigurationDTO;
import org.osgi.service.component.runtime.dto.ComponentDescriptionDTO;
import org.printscout.api.status.StatusContributor;

/** {@code scout:status}: what an administrator checks first. */
@Component(service = StatusCommand.class, property = {"osgi.command.scope=scout", "osgi.command.function=status"})
public final class StatusCommand {

    private final BundleContext context;
    private final ConfigurationAdmin configAdmin;
    private final ServiceComponentRuntime scr;

    /** Sections other bundles contribute (scheduler, discovery, inventory), printed in title order. */
    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC, fieldOption = FieldOption.REPLACE)
    private volatile java.util.List<StatusContributor> contributors = java.util.List.of();

    @Activate
    public StatusCommand(BundleContext context, @Reference ConfigurationAdmin configAdmin,
                         @Reference ServiceComponentRuntime scr) {
        this.context = context;
        this.configAdmin = configAdmin;
        this.scr = scr;
    }

    @Descriptor("show version, uptime, bundles, components with problems, and configuration sources")
    public String status() throws IOException, InvalidSyntaxException {
        StringBuilder out = new StringBuilder();
        String home = context.getProperty("printscout.home");
        Duration up = Duration.ofMillis(ManagementFactory.getRuntimeMXBean().getUptime());
        out.append("PrintScout ").append(context.getBundle().getVersion())
                .append("  (Felix ").append(context.getBundle(0).getVersion()).append(", Java ")
                .append(System.getProperty("java.version")).append(")\n");
        out.append("home:    ").append(home == null ? "(not set)" : home).append('\n');
        out.append(String.format(Locale.ROOT, "uptime:  %dd %02d:%02d:%02d%n", up.toDays(), up.toHoursPart(),
                up.toMinutesPart(), up.toSecondsPart()));

        Bundle[] bundles = context.getBundles();
        int active = 0;
        Table table = new Table("ID", "State", "Level", "Bundle", "Version");
        for (Bundle b : bundles) {
            boolean fragment = b.getHeaders("").get(Constants.FRAGMENT_HOST) != null;
            if (b.getState() == Bundle.ACTIVE || fragment && b.getState() == Bundle.RESOLVED) {
                active++;
            }
            table.row(b.getBundleId(), state(b) + (fragment ? " (fragment)" : ""),
                    b.adapt(BundleStartLevel.class) == null ? "" : b.adapt(BundleStartLevel.class).getStartLevel(),
                    b.getSymbolicName(), b.getVersion());
        }
        out.append(String.format(Locale.ROOT, "bundles: %d, %d active%n", bundles.length, active));
        out.append(table);

        Table problems = new Table("Component", "Bundle", "Problem");
        for (ComponentDescriptionDTO d : scr.getComponentDescriptionDTOs()) {
            if (!scr.isComponentEnabled(d)) {
                continue;
            }
            for (ComponentConfigurationDTO c : scr.getComponentConfigurationDTOs(d)) {
                String problem = switch (c.state) {
                    case ComponentConfigurationDTO.UNSATISFIED_CONFIGURATION -> "waiting for its configuration";
                    case ComponentConfigurationDTO.UNSATISFIED_REFERENCE -> "waiting for a service: "
                            + java.util.Arrays.stream(c.unsatisfiedReferences).map(r -> r.name).toList();
                    case ComponentConfigurationDTO.FAILED_ACTIVATION -> "activation failed: " + failureMessage(c.failure);
                    default -> null;
                };
                if (problem != null) {
                    problems.row(d.name, d.bundle.symbolicName, problem.lines().findFirst().orElse(problem));
                }
            }
        }
        if (problems.size() > 0) {
            out.append("components with problems:\n").append(problems);
        }

        java.util.List<StatusContributor> sections = new java.util.ArrayList<>(contributors);
        sections.sort(java.util.Comparator.comparing(StatusContributor::title));
        for (StatusContributor section : sections) {
            out.append(section.title()).append(":\n");
            try {
                section.text().lines().forEach(line -> out.append("  ").append(line).append('\n'));
            } catch (RuntimeException e) {
                out.append("  (failed: ").append(e).append(")\n");
            }
        }

        out.append("configuration sources:\n");
        out.append("  etc/    ").append(orNone(context.getProperty("felix.fileinstall.dir"))).append(" (watched)\n");
        Table configs = new Table("  PID", "Source");
        Configuration[] all = configAdmin.listConfigurations(null);
        if (all != null) {
            java.util.Arrays.sort(all, java.util.Comparator.comparing(Configuration::getPid));
            for (Configuration c : all) {
                Dictionary<String, Object> p = c.getProperties();
                Object file = p == null ? null : p.get("felix.fileinstall.filename");
                configs.row("  " + c.getPid(), file == null ? "stored by ConfigAdmin (scout:config or portal)" : file);
            }
        }
        out.append(configs);
        return out.toString();
    }

    /**
     * The message of the exception that really stopped a component. SCR records the whole stack
     * trace, whose first line is a reflection wrapper (InvocationTargetException) when a constructor
     * or activate method threw: the root cause is the last "Caused by:" line.
     */
    static String failureMessage(String failure) {
        if (failure == null || failure.isBlank()) {
            return "(no reason recorded)";
        }
        String cause = failure.lines().findFirst().orElse(failure).strip();
        for (String line : (Iterable<String>) failure.lines()::iterator) {
            String stripped = line.strip();
            if (stripped.startsWith("Caused by: ")) {
                cause = stripped.substring("Caused by: ".length());
            }
        }
        // "java.lang.IllegalArgumentException: the message" -> "the message"
        java.util.regex.Matcher typed = java.util.regex.Pattern.compile("^[\\w$.]+(Exception|Error)(: (.*))?$").matcher(cause);
        if (typed.matches()) {
            return typed.group(3) == null || typed.group(3).isBlank() ? cause : typed.group(3);
        }
        return cause;
    }

    private static String orNone(String s) {
        return s == null ? "(none)" : s;
    }

    static String state(Bundle b) {
        return switch (b.getState()) {
            case Bundle.ACTIVE -> "ACTIVE";
            case Bundle.RESOLVED -> "RESOLVED";
            case Bundle.INSTALLED -> "INSTALLED";
            case Bundle.STARTING -> "STARTING";
            case Bundle.STOPPING -> "STOPPING";
            default -> "UNINSTALLED";
        };
    }
}
