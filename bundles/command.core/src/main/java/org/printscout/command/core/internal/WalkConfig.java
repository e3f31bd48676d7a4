package org.printscout.command.core.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

@ObjectClassDefinition(name = "PrintScout Walk MIB command",
        description = "Bounds of the Walk MIB remote command; keep the time below the command time limit (org.printscout.command)")
@interface WalkConfig {

    @AttributeDefinition(name = "Most values", description = "The walk stops after this many values and says so", min = "1", max = "1000000")
    int maxRows() default 50_000;

    @AttributeDefinition(name = "Longest walk (s)", description = "The walk stops after this long and says so", min = "10", max = "3600")
    int maxSeconds() default 300;
}
