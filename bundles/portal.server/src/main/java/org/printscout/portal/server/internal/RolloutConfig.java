package org.printscout.portal.server.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

@ObjectClassDefinition(name = "PrintScout portal: fleet updates", description = "The catalogue of signed artifacts and their rollouts (docs/rollout.md)")
@interface RolloutConfig {

    @AttributeDefinition(name = "Artifact limit (KiB)", description = "Largest bundle or mapping file the catalogue accepts; an upload is streamed "
            + "to a temporary file and refused (413) beyond this", min = "1", max = "1048576")
    int maxArtifactKib() default 32768;
}
