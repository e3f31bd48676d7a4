package org.printscout.portal.server.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.AttributeType;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.osgi.service.metatype.annotations.Option;

@ObjectClassDefinition(name = "PrintScout portal alerts", description = "Alert rules' evaluation, mail (SMTP with TLS) and webhooks")
@interface AlertConfig {

    @AttributeDefinition(name = "Evaluation interval (s)", description = "How often the rules are evaluated and due notifications sent",
            min = "1", max = "3600")
    int intervalSeconds() default 60;

    @AttributeDefinition(name = "SMTP host", required = false, description = "Empty: no mail is sent (mail deliveries fail with the reason)")
    String smtpHost() default "";

    @AttributeDefinition(name = "SMTP port", min = "1", max = "65535", description = "587 for STARTTLS (submission), 465 for implicit TLS")
    int smtpPort() default 587;

    @AttributeDefinition(name = "SMTP security", options = {@Option(label = "STARTTLS (required)", value = "starttls"),
        @Option(label = "implicit TLS (SMTPS)", value = "tls")})
    String smtpSecurity() default "starttls";

    @AttributeDefinition(name = "SMTP user", required = false)
    String smtpUser() default "";

    @AttributeDefinition(name = "SMTP password", required = false, type = AttributeType.PASSWORD)
    String smtpPassword() default "";

    @AttributeDefinition(name = "Sender address")
    String smtpFrom() default "printscout@localhost.localdomain";

    @AttributeDefinition(name = "SMTP trust store", required = false,
            description = "PKCS#12 trust store for the SMTP server's certificate; empty: the Java runtime's")
    String smtpTrustStore() default "";

    @AttributeDefinition(name = "SMTP trust store password", required = false, type = AttributeType.PASSWORD)
    String smtpTrustStorePassword() default "";

    @AttributeDefinition(name = "Allow private webhook targets",
            description = "Webhook URLs on loopback, link-local or private addresses are refused unless this is on")
    boolean allowPrivateWebhooks() default false;

    @AttributeDefinition(name = "Retry back-off (s)", description = "First retry after this, doubling, at most an hour", min = "1", max = "3600")
    int retryBackOffSeconds() default 30;

    @AttributeDefinition(name = "Attempts", description = "A notification is given up after this many failed attempts", min = "1", max = "50")
    int maxAttempts() default 8;
}
