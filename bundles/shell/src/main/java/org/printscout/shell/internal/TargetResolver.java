package org.printscout.shell.internal;

import java.net.InetSocketAddress;
import java.util.List;

import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.printscout.api.snmp.CredentialProfile;
import org.printscout.api.snmp.CredentialProfiles;
import org.printscout.api.snmp.SnmpTarget;

/**
 * Turns a command line's host and credential options into the targets to try, in order: the
 * options when any are given, else the named profile ({@code --profile NAME}), else the profile
 * named "default" if one is configured, else SNMPv2c with community "public".
 */
@Component(service = TargetResolver.class)
public final class TargetResolver {

    static final String DEFAULT_PROFILE = "default";

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    private volatile CredentialProfiles profiles;

    List<SnmpTarget> resolve(SnmpCommandLine cl, String host) {
        InetSocketAddress address = SnmpCommandLine.address(host);
        if (cl.profile != null && cl.hasCredentialOptions()) {
            throw new IllegalArgumentException("give either --profile or credential options, not both");
        }
        if (!cl.hasCredentialOptions()) {
            CredentialProfiles known = profiles;
            if (cl.profile != null) {
                if (known == null) {
                    throw new IllegalArgumentException("no credential profiles are configured (the snmp bundle is not running)");
                }
                CredentialProfile profile = known.profile(cl.profile).orElseThrow(() -> new IllegalArgumentException(
                        "no credential profile '" + cl.profile + "' (configured: "
                                + known.profiles().stream().map(CredentialProfile::name).toList() + ")"));
                return profile.targets(address).stream().map(cl::tune).toList();
            }
            if (known != null) {
                var fallback = known.profile(DEFAULT_PROFILE);
                if (fallback.isPresent()) {
                    return fallback.get().targets(address).stream().map(cl::tune).toList();
                }
            }
        }
        return List.of(cl.tune(SnmpTarget.of(address, cl.credential())));
    }
}
