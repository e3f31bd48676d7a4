package org.printscout.inventory.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

@ObjectClassDefinition(name = "PrintScout inventory", description = "Where the known devices are kept")
@interface InventoryConfig {

    @AttributeDefinition(name = "File", description = "JSON file of the known devices; relative paths are below the agent's home")
    String file() default "data/inventory/devices.json";

    @AttributeDefinition(name = "Write delay (ms)",
            description = "Changes are written together at most this long after the first of them (a scan changes many devices)",
            min = "0", max = "60000")
    int writeDelayMillis() default 1000;

    @AttributeDefinition(name = "Previous addresses kept", description = "Per device, for its history", min = "0", max = "1000")
    int maxPreviousAddresses() default 10;
}
