package org.printscout.shell.internal;

import java.io.IOException;
import java.util.Arrays;
import java.util.Dictionary;
import java.util.Hashtable;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

import org.apache.felix.service.command.Descriptor;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.AttributeDefinition;
import org.osgi.service.metatype.MetaTypeInformation;
import org.osgi.service.metatype.MetaTypeService;
import org.osgi.service.metatype.ObjectClassDefinition;
import org.printscout.api.config.ConfigurationChecker;
import org.printscout.api.config.ConfigurationRefusedException;

/**
 * {@code scout:config}: lists configurable components, shows one component's configuration with
 * its metatype, and sets values after validating them against the metatype. A bad value is refused
 * with the key and the reason and nothing is changed.
 */
@Component(service = ConfigCommand.class, property = {"osgi.command.scope=scout", "osgi.command.function=config"})
public final class ConfigCommand {

    private final BundleContext context;
    private final ConfigurationAdmin configAdmin;
    private final MetaTypeService metaType;
    private final ConfigurationChecker checker;

    @Activate
    public ConfigCommand(BundleContext context, @Reference ConfigurationAdmin configAdmin,
                         @Reference MetaTypeService metaType, @Reference ConfigurationChecker checker) {
        this.context = context;
        this.configAdmin = configAdmin;
        this.metaType = metaType;
        this.checker = checker;
    }

    @Descriptor("list the configurable components")
    public String config() throws IOException {
        Table table = new Table("PID", "Name", "Configured by");
        for (Map.Entry<String, ObjectClassDefinition> e : definitions().entrySet()) {
            Configuration c = existing(e.getKey());
            String source = c == null ? "defaults" : sourceOf(c);
            table.row(e.getKey(), e.getValue().getName(), source);
        }
        return table.toString();
    }

    @Descriptor("show a component's configuration: key, value, default, type and description")
    public String config(@Descriptor("the component's PID, e.g. org.printscout.logging") String pid) throws IOException {
        ObjectClassDefinition ocd = definition(pid);
        Configuration c = existing(pid);
        Dictionary<String, Object> props = c == null ? null : c.getProperties();
        StringBuilder out = new StringBuilder(pid + " — " + ocd.getName() + " (" + (c == null ? "defaults" : sourceOf(c)) + ")\n");
        Table table = new Table("Key", "Value", "Default", "Type", "Description");
        for (AttributeDefinition ad : ocd.getAttributeDefinitions(ObjectClassDefinition.ALL)) {
            Object value = props == null ? null : props.get(ad.getID());
            boolean secret = ad.getType() == AttributeDefinition.PASSWORD;
            String shown = value == null ? "" : secret ? "********" : display(value);
            String def = ad.getDefaultValue() == null ? "" : secret ? "********" : String.join(",", ad.getDefaultValue());
            table.row(ad.getID(), shown, def, typeName(ad), ad.getDescription());
        }
        return out.append(table).toString();
    }

    @Descriptor("set configuration values; each is checked against the component's metatype first")
    public String config(@Descriptor("the component's PID") String pid,
                         @Descriptor("key=value pairs") String... assignments) throws IOException {
        ObjectClassDefinition ocd = definition(pid);
        Map<String, AttributeDefinition> ads = new LinkedHashMap<>();
        for (AttributeDefinition ad : ocd.getAttributeDefinitions(ObjectClassDefinition.ALL)) {
            ads.put(ad.getID(), ad);
        }
        Map<String, String> raw = new LinkedHashMap<>();
        for (String assignment : assignments) {
            int eq = assignment.indexOf('=');
            if (eq <= 0) {
                throw new IllegalArgumentException(pid + ": nothing changed, '" + assignment + "': write key=value");
            }
            raw.put(assignment.substring(0, eq).strip(), assignment.substring(eq + 1).strip());
        }
        Map<String, Object> changes;
        try {
            changes = checker.check(pid, raw);
        } catch (ConfigurationRefusedException e) {
            throw new IllegalArgumentException("nothing changed, " + e.getMessage(), e);
        }
        Configuration c = configAdmin.getConfiguration(pid, "?");
        Dictionary<String, Object> props = c.getProperties() == null ? new Hashtable<>() : c.getProperties();
        changes.forEach(props::put);
        c.update(props);
        StringBuilder out = new StringBuilder();
        changes.forEach((k, v) -> out.append(pid).append(": ").append(k).append(" = ")
                .append(ads.get(k).getType() == AttributeDefinition.PASSWORD ? "********" : display(v)).append('\n'));
        return out.toString();
    }

    private static String typeName(AttributeDefinition ad) {
        String base = switch (ad.getType()) {
            case AttributeDefinition.INTEGER -> "an integer";
            case AttributeDefinition.LONG -> "a long integer";
            case AttributeDefinition.SHORT -> "a short integer";
            case AttributeDefinition.BYTE -> "a byte";
            case AttributeDefinition.DOUBLE, AttributeDefinition.FLOAT -> "a number";
            case AttributeDefinition.BOOLEAN -> "a boolean";
            case AttributeDefinition.PASSWORD -> "a secret";
            case AttributeDefinition.CHARACTER -> "a character";
            default -> "a string";
        };
        return ad.getCardinality() == 0 ? base : base + " list";
    }

    private static String display(Object value) {
        if (value instanceof Object[] array) {
            return String.join(",", Arrays.stream(array).map(String::valueOf).toList());
        }
        return String.valueOf(value);
    }

    private static String sourceOf(Configuration c) {
        Dictionary<String, Object> p = c.getProperties();
        Object file = p == null ? null : p.get("felix.fileinstall.filename");
        return file == null ? "ConfigAdmin" : String.valueOf(file).replaceFirst("^file:", "");
    }

    private Configuration existing(String pid) throws IOException {
        try {
            Configuration[] found = configAdmin.listConfigurations("(service.pid=" + pid + ")");
            return found == null ? null : found[0];
        } catch (org.osgi.framework.InvalidSyntaxException e) {
            throw new IllegalArgumentException("bad PID '" + pid + "'");
        }
    }

    private ObjectClassDefinition definition(String pid) {
        ObjectClassDefinition ocd = definitions().get(pid);
        if (ocd == null) {
            throw new IllegalArgumentException("no configurable component '" + pid + "' (scout:config lists them)");
        }
        return ocd;
    }

    private Map<String, ObjectClassDefinition> definitions() {
        Map<String, ObjectClassDefinition> result = new TreeMap<>();
        for (Bundle b : context.getBundles()) {
            MetaTypeInformation info = metaType.getMetaTypeInformation(b);
            if (info == null) {
                continue;
            }
            for (String pid : info.getPids()) {
                result.put(pid, info.getObjectClassDefinition(pid, null));
            }
        }
        return result;
    }
}
