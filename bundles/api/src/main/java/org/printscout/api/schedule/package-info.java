/** Work the scheduler runs periodically on behalf of other bundles (a whiteboard). */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("1.0.0")
package org.printscout.api.schedule;
