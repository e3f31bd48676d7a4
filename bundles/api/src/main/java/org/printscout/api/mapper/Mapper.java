package org.printscout.api.mapper;

import org.osgi.annotation.versioning.ConsumerType;
import org.printscout.api.model.ReadingBuilder;
import org.printscout.api.snmp.Snapshot;

/**
 * Turns what a device answers into reading fields. A mapper is a pure function: it declares the
 * OIDs it needs, and maps a snapshot of them; it never does I/O, so it can be tested offline against
 * a recorded walk.
 *
 * <p>Register it as a service with its claims as properties, most simply with {@link MapperClaims}:
 * the collector matches the claims against each device's sysObjectID and sysDescr, and merges the
 * readings of all mappers that apply, a higher {@link MapperClaims#rank()} winning per field.
 */
@ConsumerType
public interface Mapper {

    /** The OIDs this mapper reads for the given device. */
    OidPlan plan(DeviceFacts device);

    /**
     * Fills {@code reading} from {@code snapshot}. May throw: the collector then drops this mapper's
     * fields for this device and records the failure, and the other mappers' fields stand.
     */
    void map(Snapshot snapshot, ReadingBuilder reading);

    /**
     * A final check after the claims in the service properties matched, for claims that properties
     * cannot express. The default accepts.
     */
    default boolean appliesTo(DeviceFacts device) {
        return true;
    }
}
