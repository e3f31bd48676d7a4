package org.printscout.snmp.internal.profile;

import java.util.Map;
import java.util.Optional;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.log.Logger;
import org.osgi.service.log.LoggerFactory;
import org.osgi.service.metatype.annotations.Designate;

/**
 * One credential, from one factory configuration of {@code org.printscout.snmp.profile}. A credential
 * with a bad value stays active but empty: its configuration is refused with one message per bad key,
 * rather than by failing activation, which would bury the reason in a stack trace and lose nothing
 * else anyway; the other credentials are separate components and keep working.
 */
@Component(service = ProfileEntryComponent.class, configurationPid = ProfileEntry.FACTORY_PID,
        configurationPolicy = ConfigurationPolicy.REQUIRE, immediate = true)
@Designate(ocd = ProfileConfig.class, factory = true)
public final class ProfileEntryComponent {

    private final ProfileEntry entry;

    @Activate
    public ProfileEntryComponent(@Reference(service = LoggerFactory.class) Logger log, Map<String, Object> properties) {
        ProfileEntry.Parsed parsed = ProfileEntry.parse(properties);
        this.entry = parsed.entry();
        if (entry == null) {
            parsed.problems().forEach(problem -> log.error(problem
                    + "; this credential is not used, the other credentials keep working"));
        } else {
            log.info("SNMP credential " + entry.id() + " in profile '" + entry.profile() + "' (order " + entry.order()
                    + "): " + entry.credential());
        }
    }

    Optional<ProfileEntry> entry() {
        return Optional.ofNullable(entry);
    }
}
