package org.printscout.responder.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

@ObjectClassDefinition(name = "PrintScout discovery responder",
        description = "Answers a PrintScout probe on UDP (docs/discovery-responder.md) so a setup tool finds this box on the LAN")
@interface ResponderConfig {

    @AttributeDefinition(name = "Enabled", description = "false: no socket is open, nothing answers")
    boolean enabled() default true;

    @AttributeDefinition(name = "Port", min = "1", max = "65535")
    int port() default 23999;

    @AttributeDefinition(name = "Bind address", description = "The address to listen on; 0.0.0.0 for every interface (LAN broadcasts)")
    String bindAddress() default "0.0.0.0";

    @AttributeDefinition(name = "Answers per second", description = "For all senders together", min = "1", max = "1000")
    int answersPerSecond() default 10;

    @AttributeDefinition(name = "Answers per second per sender", min = "1", max = "100")
    int answersPerSenderPerSecond() default 2;

    @AttributeDefinition(name = "Web UI port", description = "Told to the setup tool, so it can open the box's page", min = "0", max = "65535")
    int webPort() default 23998;
}
