package org.printscout.discovery.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

@ObjectClassDefinition(name = "PrintScout site",
        description = "One site's address ranges to scan for printers, with the SNMP port and credential profile")
@interface SiteConfig {

    @AttributeDefinition(name = "Name", description = "The site's name, in the inventory and in messages")
    String name() default "site";

    @AttributeDefinition(name = "Ranges",
            description = "Entries, one per line or separated by commas: 10.0.0.7, 10.0.0.1-10.0.0.99 (or 10.0.0.1-99), "
                    + "10.0.0.0/22, host names, IPv6 literals and prefixes (at most a /104), and exclusions written !ENTRY. "
                    + "A bad entry is refused with its line named; the others are scanned")
    String[] ranges() default {};

    @AttributeDefinition(name = "SNMP port", min = "1", max = "65535")
    int port() default 161;

    @AttributeDefinition(name = "Credential profile",
            description = "The org.printscout.snmp.profile name whose entries are tried in order; "
                    + "'default' falls back to v2c 'public' when no such profile is configured")
    String profile() default "default";

    @AttributeDefinition(name = "Enabled", description = "Scanned by the daily meter scan and scout:scan without ranges")
    boolean enabled() default true;
}
