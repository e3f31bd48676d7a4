package org.printscout.rollout.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/**
 * The site's own settings for fleet updates. The portal may set none of them (upload's
 * PortalSettable does not list this PID): the keys an artifact must be signed with are the ones pinned
 * at activation plus {@code trustedKeys} here.
 */
@ObjectClassDefinition(name = "PrintScout rollout",
        description = "Fleet updates: the portal's desired set of dealer-signed bundles and mapping files, verified, installed, checked, rolled back")
@interface RolloutConfig {

    @AttributeDefinition(name = "Trusted keys", required = false,
            description = "Dealer public keys this site trusts besides the ones pinned at activation: 'printscout-ed25519 BASE64 COMMENT' lines "
            + "as bin/printscout sign keygen writes them to NAME.pub")
    String[] trustedKeys() default {};

    @AttributeDefinition(name = "Directory", description = "Where the journal, the set in force and the downloaded artifacts (store/) are kept")
    String directory() default "data/rollout";

    @AttributeDefinition(name = "Mapping folder", description = "The folder the declarative mapper watches, where mapping files are installed")
    String deployDirectory() default "deploy";

    @AttributeDefinition(name = "Health window (s)", min = "1", max = "3600",
            description = "How long new bundles have to be ACTIVE with every DS component satisfied before the previous set is put back")
    int healthSeconds() default 60;

    @AttributeDefinition(name = "Retry (s)", min = "1", max = "86400",
            description = "How long after a failed download the set is tried again")
    int retrySeconds() default 60;

    @AttributeDefinition(name = "Largest artifact (MiB)", min = "1", max = "1024", description = "Larger artifacts are refused before download")
    int maxArtifactMiB() default 64;
}
