package org.printscout.api.rollout;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;

import org.osgi.annotation.versioning.ProviderType;

/**
 * The portal as the rollout bundle needs it, authenticated as this agent. The bundle that holds the
 * agent's identity registers it once the agent is activated, so it stays the only bundle that talks to
 * the portal.
 */
@ProviderType
public interface RolloutPortal {

    /**
     * Opens the download of an artifact of the desired set; the caller checks size and SHA-256 while
     * reading and closes the stream.
     *
     * @throws IOException the portal could not be reached or refused (the message says why)
     */
    InputStream download(DesiredArtifact artifact) throws IOException;

    /** Tells the portal what became of a set. */
    void status(RolloutStatus status) throws IOException;

    /**
     * The dealer's public keys the portal named at this agent's activation, one
     * {@code printscout-ed25519 BASE64 COMMENT} line each; pinned then and never changed by the portal.
     */
    List<String> pinnedKeys();
}
