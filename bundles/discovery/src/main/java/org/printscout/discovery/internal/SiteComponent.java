package org.printscout.discovery.internal;

import java.util.List;
import java.util.Map;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.log.Logger;
import org.osgi.service.log.LoggerFactory;
import org.osgi.service.metatype.annotations.Designate;
import org.printscout.api.discovery.ScanRequest;

/**
 * One site per factory configuration {@code org.printscout.discovery.site}. Its ranges are checked
 * at once so that a bad entry is logged (with its line) when the administrator saves it, not hours
 * later at the scan; the valid entries stay in use.
 */
@Component(configurationPid = "org.printscout.discovery.site", configurationPolicy = ConfigurationPolicy.REQUIRE,
        service = SiteComponent.class)
@Designate(ocd = SiteConfig.class, factory = true)
public final class SiteComponent {

    private final Site site;

    @Activate
    public SiteComponent(SiteConfig config, Map<String, Object> properties,
                         @Reference(service = LoggerFactory.class) Logger log) {
        String pid = String.valueOf(properties.getOrDefault("service.pid", "?"));
        List<String> ranges = config.ranges() == null ? List.of() : List.of(config.ranges());
        // syntax only here: what the site may scan (public ranges, size) is discovery's to decide at the scan
        AddressRanges.Parsed parsed = AddressRanges.parse(ranges, RangePolicy.ANY);
        for (String problem : parsed.problems()) {
            log.error("site '{}' ({}): ranges: {}", config.name(), pid, problem);
        }
        this.site = new Site(pid, config.enabled(), new ScanRequest(config.name(), ranges, config.port(), config.profile()));
        log.info("site '{}': {} addresses and {} host names to scan on port {} with profile '{}'", config.name(),
                parsed.ranges().size(), parsed.ranges().hostNames().size(), config.port(), config.profile());
    }

    Site site() {
        return site;
    }
}
