package org.printscout.config.internal;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
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
 * The {@link ConfigurationChecker}: finds the object class definition of a PID (or factory PID) in
 * the metatype of the installed bundles, at the time of the check, so a bundle installed later is
 * known from then on.
 */
@Component(service = ConfigurationChecker.class)
public final class MetatypeConfigurationChecker implements ConfigurationChecker {

    private final BundleContext context;
    private final MetaTypeService metaType;

    @Activate
    public MetatypeConfigurationChecker(BundleContext context, @Reference MetaTypeService metaType) {
        this.context = context;
        this.metaType = metaType;
    }

    @Override
    public Map<String, Object> check(String pid, Map<String, ?> values) throws ConfigurationRefusedException {
        ObjectClassDefinition ocd = definition(pid).orElseThrow(() -> new ConfigurationRefusedException(pid, null,
                "no installed component is configured by this PID"));
        Map<String, AttributeDefinition> attributes = new LinkedHashMap<>();
        for (AttributeDefinition ad : ocd.getAttributeDefinitions(ObjectClassDefinition.ALL)) {
            attributes.put(ad.getID(), ad);
        }
        Map<String, Object> checked = new LinkedHashMap<>();
        // every refused key is named, the first as the exception's key
        String firstKey = null;
        StringBuilder reasons = new StringBuilder();
        for (Map.Entry<String, ?> entry : values.entrySet()) {
            AttributeDefinition ad = attributes.get(entry.getKey());
            String reason;
            if (ad == null) {
                reason = "unknown key (known: " + String.join(", ", attributes.keySet()) + ")";
            } else {
                try {
                    checked.put(entry.getKey(), AttributeValues.convert(ad, entry.getValue()));
                    continue;
                } catch (IllegalArgumentException e) {
                    reason = e.getMessage();
                }
            }
            if (firstKey == null) {
                firstKey = entry.getKey();
                reasons.append(reason);
            } else {
                reasons.append("; key '").append(entry.getKey()).append("': ").append(reason);
            }
        }
        if (firstKey != null) {
            throw new ConfigurationRefusedException(pid, firstKey, reasons.toString());
        }
        return checked;
    }

    @Override
    public boolean describes(String pid) {
        return definition(pid).isPresent();
    }

    private Optional<ObjectClassDefinition> definition(String pid) {
        int tilde = pid.indexOf('~');
        String wanted = tilde < 0 ? pid : pid.substring(0, tilde);
        for (Bundle bundle : context.getBundles()) {
            MetaTypeInformation info = metaType.getMetaTypeInformation(bundle);
            if (info == null) {
                continue;
            }
            boolean listed = contains(info.getPids(), wanted) && tilde < 0 || contains(info.getFactoryPids(), wanted);
            if (listed) {
                try {
                    return Optional.ofNullable(info.getObjectClassDefinition(wanted, null));
                } catch (IllegalArgumentException e) {
                    return Optional.empty();
                }
            }
        }
        return Optional.empty();
    }

    private static boolean contains(String[] pids, String pid) {
        if (pids == null) {
            return false;
        }
        for (String p : pids) {
            if (p.equals(pid)) {
                return true;
            }
        }
        return false;
    }
}
