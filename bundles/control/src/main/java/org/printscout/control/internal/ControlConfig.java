package org.printscout.control.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

@ObjectClassDefinition(name = "PrintScout control channel",
        description = "The loopback channel 'bin/printscout exec' uses to run Gogo commands in the running agent")
@interface ControlConfig {

    @AttributeDefinition(name = "Port", description = "Loopback TCP port; 0 picks a free one (written to data/control)",
            min = "0", max = "65535")
    int port() default 0;

    @AttributeDefinition(name = "Control file", description = "Port and secret for clients; readable by the agent's user only")
    String controlFile() default "data/control";
}
