package org.printscout.discovery.internal;

import org.printscout.api.discovery.ScanRequest;

/** A configured site, registered by {@link SiteComponent} for {@link DiscoveryComponent} only. */
record Site(String pid, boolean enabled, ScanRequest request) {
}
