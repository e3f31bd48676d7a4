package org.printscout.report.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

@ObjectClassDefinition(name = "PrintScout report",
        description = "Scan reports (docs/report-1.xsd) and the spool that keeps them until the portal has them. "
                + "agentId and siteId are written by activation.")
@interface ReportConfig {

    @AttributeDefinition(name = "Agent id", description = "This agent's id at the portal, from activation; no report is written without it")
    String agentId();

    @AttributeDefinition(name = "Site id", description = "The site this agent reports for, from activation", required = false)
    String siteId() default "";

    @AttributeDefinition(name = "Spool directory", description = "Where reports wait for upload; relative paths are under the agent's home")
    String spoolDirectory() default "data/spool";

    @AttributeDefinition(name = "Spool size (MiB)",
            description = "Above this, unsent reports are evicted: status reports first, then meter reports, oldest first",
            min = "1", max = "10240")
    int maxSpoolMib() default 64;

    @AttributeDefinition(name = "Spool age (days)", description = "Unsent reports older than this are evicted", min = "1", max = "3650")
    int maxAgeDays() default 60;
}
