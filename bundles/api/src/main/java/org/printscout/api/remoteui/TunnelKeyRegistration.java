package org.printscout.api.remoteui;

import java.io.IOException;

import org.osgi.annotation.versioning.ProviderType;

/**
 * Registers the agent's SSH public key with the portal, authenticated as this agent, so the portal's
 * tunnel server accepts it (for one session's port at a time). The bundle that holds the agent's
 * identity registers this service once the agent is activated; the key's private half never leaves
 * the agent.
 */
@ProviderType
public interface TunnelKeyRegistration {

    /**
     * @param publicKeyLine an OpenSSH public key line ({@code ecdsa-sha2-nistp256 AAAA... comment})
     * @throws IOException the portal could not be reached or refused the key (the message says why)
     */
    void register(String publicKeyLine) throws IOException;
}
