package org.printscout.upload.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.AttributeType;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

@ObjectClassDefinition(name = "PrintScout portal connection",
        description = "Activation at the dealer's portal, site configuration sync and report upload")
@interface UploadConfig {

    @AttributeDefinition(name = "Portal URL", description = "https://... (http:// only for a portal on a trusted network; then nothing is encrypted)")
    String portalUrl();

    @AttributeDefinition(name = "Activation key", description = "The key the portal issued for this agent; exchanged once for the agent's own credentials",
            type = AttributeType.PASSWORD)
    String activationKey();

    @AttributeDefinition(name = "Trusted certificates", required = false,
            description = "PEM file of the CA certificates (or the portal's own certificate) to trust instead of the JDK's; empty: the JDK's")
    String trustedCertificates() default "";

    @AttributeDefinition(name = "Pinned certificates", required = false,
            description = "SHA-256 fingerprints; when set, the portal's certificate must also be one of these")
    String[] pinnedSha256() default {};

    @AttributeDefinition(name = "Proxy host", required = false, description = "HTTP proxy; empty: direct connection")
    String proxyHost() default "";

    @AttributeDefinition(name = "Proxy port", min = "1", max = "65535")
    int proxyPort() default 3128;

    @AttributeDefinition(name = "Proxy user", required = false)
    String proxyUser() default "";

    @AttributeDefinition(name = "Proxy password", required = false, type = AttributeType.PASSWORD)
    String proxyPassword() default "";

    @AttributeDefinition(name = "Connect timeout (s)", min = "1", max = "600")
    int connectTimeoutSeconds() default 30;

    @AttributeDefinition(name = "Response timeout (s)", min = "1", max = "3600")
    int responseTimeoutSeconds() default 120;

    @AttributeDefinition(name = "Upload interval (s)", description = "How often the spool is checked for reports to send", min = "1", max = "86400")
    int uploadIntervalSeconds() default 60;

    @AttributeDefinition(name = "Configuration poll (s)", description = "How often the site configuration is checked (a 304 costs nothing)",
            min = "10", max = "86400")
    int configPollSeconds() default 300;

    @AttributeDefinition(name = "First retry (s)", description = "Wait after a first failure; doubled per failure, with jitter", min = "1", max = "3600")
    int retryBaseSeconds() default 10;

    @AttributeDefinition(name = "Longest retry (s)", min = "1", max = "86400")
    int retryMaxSeconds() default 1800;

    @AttributeDefinition(name = "Identity file", description = "Where the agent keeps its id and credentials (mode 0600)")
    String identityFile() default "data/agent/identity.properties";
}
