package org.printscout.web.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

@ObjectClassDefinition(name = "PrintScout local web UI",
        description = "The box's page and JSON API on port 23998. The port and the interfaces it listens on are those of "
                + "org.apache.felix.http (org.osgi.service.http.port, org.apache.felix.http.host).")
@interface WebConfig {

    @AttributeDefinition(name = "Password file", description = "The administrator's password hash (PBKDF2); relative to the agent's home")
    String passwordFile() default "data/web/admin-password";

    @AttributeDefinition(name = "Session idle time (minutes)", min = "1", max = "1440")
    int sessionIdleMinutes() default 30;

    @AttributeDefinition(name = "Sign-in failures before a delay", description = "Per client address; each further failure doubles the wait",
            min = "1", max = "100")
    int failuresBeforeDelay() default 3;

    @AttributeDefinition(name = "Longest sign-in wait (seconds)", min = "1", max = "3600")
    int maxDelaySeconds() default 300;
}
