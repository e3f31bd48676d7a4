package org.printscout.api.rollout;

import java.util.List;

/**
 * The complete set of portal-managed artifacts this agent should have.
 *
 * @param setId the portal's opaque id of the set; it changes whenever the set changes
 */
public record DesiredSet(String setId, List<DesiredArtifact> items) {

    public DesiredSet {
        items = List.copyOf(items);
    }
}
