/** Finished scans and the sinks that report them. */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("1.0.0")
package org.printscout.api.report;
