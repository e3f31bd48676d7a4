package org.printscout.simulator.web.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

@ObjectClassDefinition(name = "PrintScout simulated printers' web pages",
        description = "A status page for each simulated printer, on the printer's own address, so the remote web UI has a page to open")
public @interface SimulatedWebConfiguration {

    @AttributeDefinition(name = "Port", description = "The web port on every simulated printer's address (80 as on a real printer; binding it needs root)",
            min = "1", max = "65535")
    int port() default 80;

    @AttributeDefinition(name = "Devices", description = "At most this many printers get a page (each is a listening socket and a selector)",
            min = "1", max = "256")
    int maxDevices() default 16;
}
