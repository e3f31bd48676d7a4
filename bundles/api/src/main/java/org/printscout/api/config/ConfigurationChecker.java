package org.printscout.api.config;

import java.util.Map;

import org.osgi.annotation.versioning.ProviderType;

/**
 * Checks configuration values against the metatype of the component they are for: every key must be
 * an attribute of the component's object class definition, every value must have the attribute's
 * type, cardinality, options and range. Nothing is written; the caller applies what came back.
 */
@ProviderType
public interface ConfigurationChecker {

    /**
     * Checks and converts values for a PID (or, for a factory configuration, {@code FACTORY_PID~NAME}
     * or the factory PID).
     *
     * @param pid the PID, factory PID, or {@code FACTORY_PID~NAME}
     * @param values key to value: a String (a list attribute splits it at commas), a Number, a
     *        Boolean, or an array or {@link java.util.Collection} of those
     * @return the values converted to the attributes' types (arrays for list attributes), in the
     *         order given
     * @throws ConfigurationRefusedException naming the PID, the first key refused and why; when no
     *         component describes the PID, the key is null
     */
    Map<String, Object> check(String pid, Map<String, ?> values) throws ConfigurationRefusedException;

    /** True when an installed bundle describes the PID (or the factory PID of {@code FACTORY_PID~NAME}). */
    boolean describes(String pid);
}
