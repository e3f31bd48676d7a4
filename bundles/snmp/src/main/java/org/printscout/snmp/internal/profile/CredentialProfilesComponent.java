package org.printscout.snmp.internal.profile;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.printscout.api.snmp.CredentialProfile;
import org.printscout.api.snmp.CredentialProfiles;
import org.printscout.snmp.internal.ConfigValues;
import org.printscout.snmp.internal.ProfileDefaults;

/**
 * The {@link CredentialProfiles} service: groups the credential components by profile name and orders
 * them. It reads the service configuration only for the request defaults.
 */
@Component(service = CredentialProfiles.class, configurationPid = ProfileDefaults.PID)
public final class CredentialProfilesComponent implements CredentialProfiles {

    private static final Comparator<ProfileEntry> ORDER =
            Comparator.comparingInt(ProfileEntry::order).thenComparing(ProfileEntry::id);

    private final ProfileDefaults defaults;

    /**
     * Dynamic, so a credential added, changed or removed in ConfigAdmin shows at the next lookup
     * without restarting this service and everything that uses it; a dynamic reference cannot be a
     * constructor parameter.
     */
    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    volatile List<ProfileEntryComponent> credentials;

    @Activate
    public CredentialProfilesComponent(Map<String, Object> properties) {
        this.defaults = ProfileDefaults.read(new ConfigValues(ProfileDefaults.PID, properties));
    }

    @Override
    public Optional<CredentialProfile> profile(String name) {
        return profiles().stream().filter(p -> p.name().equals(name)).findFirst();
    }

    @Override
    public List<CredentialProfile> profiles() {
        List<ProfileEntryComponent> current = credentials;
        Map<String, List<ProfileEntry>> byName = new TreeMap<>();
        if (current != null) {
            for (ProfileEntryComponent component : current) {
                component.entry().ifPresent(e -> byName.computeIfAbsent(e.profile(), n -> new ArrayList<>()).add(e));
            }
        }
        List<CredentialProfile> profiles = new ArrayList<>(byName.size());
        byName.forEach((name, entries) -> profiles.add(new CredentialProfile(name,
                entries.stream().sorted(ORDER).map(e -> e.resolve(defaults)).toList())));
        return profiles;
    }
}
