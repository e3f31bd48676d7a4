/** Discovery scans: finding the printers of a site's address ranges, and recognising printers. */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("1.1.0")
package org.printscout.api.discovery;
