package org.printscout.command.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

@ObjectClassDefinition(name = "PrintScout remote commands",
        description = "How commands from the portal's queue are run; how often the queue is polled is the scheduler's commandPollSeconds")
@interface CommandConfig {

    @AttributeDefinition(name = "Time limit (s)", description = "A command still running after this long is stopped and reported failed",
            min = "10", max = "86400")
    int timeLimitSeconds() default 600;

    @AttributeDefinition(name = "Directory", description = "Scratch space of running commands and results not yet delivered; "
            + "relative paths are below the agent's home")
    String directory() default "data/command";

    @AttributeDefinition(name = "Undelivered results kept", description = "Results the portal could not take yet are kept on disk "
            + "and sent at the next poll; beyond this many the oldest is dropped", min = "1", max = "1000")
    int maxUndelivered() default 20;
}
