/** Work the scheduler runs periodically on behalf of other bundles (a whiteboard), and starting a scan on demand. */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("2.0.0")
package org.printscout.api.schedule;
