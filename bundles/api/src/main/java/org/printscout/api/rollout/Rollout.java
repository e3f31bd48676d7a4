package org.printscout.api.rollout;

import org.osgi.annotation.versioning.ProviderType;

/**
 * Takes the desired set of portal-managed artifacts. The rollout bundle registers it; the bundle that
 * reads the site configuration calls it with every document that carries an {@code artifacts} member
 * (a document without one changes nothing). It returns at once: downloading, checking and installing
 * happen on the rollout bundle's own thread, and what became of the set goes back through
 * {@link RolloutPortal#status}.
 */
@ProviderType
public interface Rollout {

    void desired(DesiredSet set);
}
