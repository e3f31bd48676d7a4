package org.printscout.portal.server.internal;

import java.io.File;
import java.nio.file.Path;
import java.time.Clock;

import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.Designate;

/**
 * Fleet updates (issue 16, docs/rollout.md): holds the catalogue of signed artifacts with the dealers'
 * keys and the rollouts, for the agent API, the pages and the Gogo commands. Uploads are streamed into
 * the bundle's data area (under the framework cache, which is cleaned at start: they are only ever
 * temporary) before they are verified and stored in the database.
 */
@Component(service = RolloutService.class, configurationPid = RolloutService.PID)
@Designate(ocd = RolloutConfig.class)
public final class RolloutService {

    static final String PID = "org.printscout.portal.rollouts";

    private final ArtifactCatalogue catalogue;
    private final RolloutStore rollouts;

    @Activate
    public RolloutService(@Reference PortalComponent portal, BundleContext context, RolloutConfig config) {
        long max = ConfigValues.range(PID, "maxArtifactKib", config.maxArtifactKib(), 1, 1048576) * 1024L;
        File work = context.getDataFile("artifact-uploads");
        Path directory = work == null ? Path.of(System.getProperty("java.io.tmpdir"), "printscout-artifact-uploads") : work.toPath();
        this.catalogue = new ArtifactCatalogue(portal.dataSource(), Clock.systemUTC(), max, directory);
        this.rollouts = new RolloutStore(portal.dataSource(), Clock.systemUTC());
    }

    ArtifactCatalogue catalogue() {
        return catalogue;
    }

    RolloutStore rollouts() {
        return rollouts;
    }
}
