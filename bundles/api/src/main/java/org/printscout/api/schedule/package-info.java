/** Work the scheduler runs periodically on behalf of other bundles (a whiteboard), starting a scan and reading a known device on demand. */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("2.1.0")
package org.printscout.api.schedule;
