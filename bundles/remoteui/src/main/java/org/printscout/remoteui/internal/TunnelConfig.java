package org.printscout.remoteui.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** The site administrator's limits on tunnels (etc/org.printscout.remoteui.tunnels.cfg); the portal cannot set them. */
@ObjectClassDefinition(name = "PrintScout remote web UI tunnels",
        description = "Limits on the reverse SSH tunnels to printers' web interfaces, set on the site, not by the portal")
@interface TunnelConfig {

    /** Ten minutes is the product's promise to site administrators: no request can ask for longer. */
    int CEILING_SECONDS = 600;

    @AttributeDefinition(name = "Open sessions at most", min = "1", max = "50")
    int maxSessions() default 4;

    @AttributeDefinition(name = "Session length at most (s)", min = "10", max = "600",
            description = "A tunnel is closed after this long whatever the request asked; never more than 600 (ten minutes)")
    int maxSessionSeconds() default CEILING_SECONDS;

    @AttributeDefinition(name = "Web ports", description = "Ports of a printer a tunnel may reach (its web interface)")
    int[] webPorts() default {80, 443};

    @AttributeDefinition(name = "Printer check (s)", min = "2", max = "300",
            description = "How often an open tunnel checks that the printer still answers on its port; two misses close it")
    int printerCheckSeconds() default 15;

    @AttributeDefinition(name = "Connect timeout (s)", min = "2", max = "120")
    int connectTimeoutSeconds() default 15;

    @AttributeDefinition(name = "Key directory", description = "Where the agent's SSH key pair and the pinned request key are kept; "
            + "relative paths are below the agent's home")
    String directory() default "data/remoteui";
}
