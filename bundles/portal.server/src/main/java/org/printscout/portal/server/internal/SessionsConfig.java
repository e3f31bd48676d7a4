package org.printscout.portal.server.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

@ObjectClassDefinition(name = "PrintScout portal: sign-in sessions and audit",
        description = "How long people stay signed in, and how long the audit table keeps its rows")
@interface SessionsConfig {

    @AttributeDefinition(name = "Idle timeout (s)", description = "A session unused this long ends (default 30 minutes)", min = "5", max = "86400")
    int idleSeconds() default 1800;

    @AttributeDefinition(name = "Absolute timeout (s)", description = "A session ends this long after sign-in, used or not (default 12 hours)",
            min = "5", max = "2592000")
    int absoluteSeconds() default 43200;

    @AttributeDefinition(name = "Audit retention (days)", description = "Audit rows older than this are deleted", min = "1", max = "3650")
    int auditDays() default 400;
}
