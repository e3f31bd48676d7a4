package org.printscout.api.status;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * A section of {@code scout:status}: a bundle that knows something an administrator checks first
 * (schedules, last scans, device counts) registers one, and the shell prints every registered section
 * without depending on the bundle. Sections are printed in title order.
 */
@ConsumerType
public interface StatusContributor {

    /** The section's heading, e.g. "scheduler". */
    String title();

    /** The section's text, one or more lines; must be cheap (no network, no disk). */
    String text();
}
