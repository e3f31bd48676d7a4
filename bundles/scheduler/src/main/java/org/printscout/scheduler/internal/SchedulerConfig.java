package org.printscout.scheduler.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

@ObjectClassDefinition(name = "PrintScout scheduler",
        description = "When scans and periodic tasks run; a change applies at once, without a restart")
@interface SchedulerConfig {

    @AttributeDefinition(name = "Meter scan enabled", description = "The daily discovery and meter reading of every configured site")
    boolean meterScanEnabled() default true;

    @AttributeDefinition(name = "Meter scan time", description = "Local time of the daily meter scan, HH:mm or HH:mm:ss. "
            + "A time missed while the agent was down is caught up once at start-up")
    String meterScanTime() default "02:00";

    @AttributeDefinition(name = "Time zone", description = "Zone of the meter scan time, e.g. Europe/Berlin; empty = the system's")
    String timeZone() default "";

    @AttributeDefinition(name = "Status scan interval (minutes)",
            description = "Status, alerts and supplies of the known devices; 0 = never. Fractions are allowed", min = "0")
    double statusIntervalMinutes() default 10;

    @AttributeDefinition(name = "Status readings in flight", description = "Known devices read at once by a status scan",
            min = "1", max = "4096")
    int statusConcurrency() default 64;

    @AttributeDefinition(name = "Command poll interval (s)",
            description = "How often the command-poll task (registered by the command bundle) runs; 0 = never", min = "0")
    int commandPollSeconds() default 60;


    @AttributeDefinition(name = "State file", description = "When the last meter scan ran; relative paths are below the agent's home")
    String stateFile() default "data/scheduler/state.properties";
}
