/**
 * Finished scans and the sinks that report them; the spool of finished reports, between the bundle
 * that writes them (report) and the one that uploads them (upload), which share nothing else.
 */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("1.1.0")
package org.printscout.api.report;
