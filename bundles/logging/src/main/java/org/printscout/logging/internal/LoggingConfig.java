package org.printscout.logging.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.osgi.service.metatype.annotations.Option;

@ObjectClassDefinition(name = "PrintScout logging", description = "Log files under data/log and the log mode")
@interface LoggingConfig {

    @AttributeDefinition(name = "Log mode", description = "normal logs INFO and above; debug logs everything",
            options = {@Option(label = "normal", value = "normal"), @Option(label = "debug", value = "debug")})
    String mode() default "normal";

    @AttributeDefinition(name = "Directory", description = "Where log files go; relative paths are under the agent's home")
    String directory() default "data/log";

    @AttributeDefinition(name = "File size (KiB)", description = "Rotate the log file when it grows past this", min = "16", max = "1048576")
    int maxFileKib() default 2048;

    @AttributeDefinition(name = "Files kept", description = "Rotated files kept besides the current one", min = "1", max = "100")
    int filesKept() default 5;
}
