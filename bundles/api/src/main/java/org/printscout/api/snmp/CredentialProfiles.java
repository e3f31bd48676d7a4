package org.printscout.api.snmp;

import java.util.List;
import java.util.Optional;

import org.osgi.annotation.versioning.ProviderType;

/**
 * The credential profiles the administrator configured, looked up by name. The content follows the
 * configuration: a profile obtained earlier is a snapshot, ask again to see changes.
 */
@ProviderType
public interface CredentialProfiles {

    /** The profile with this name, if it has at least one valid credential. */
    Optional<CredentialProfile> profile(String name);

    /** All profiles with at least one valid credential, sorted by name. */
    List<CredentialProfile> profiles();
}
