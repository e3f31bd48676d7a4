/**
 * The spool of finished reports, for the bundle that uploads them: oldest first, removed only once
 * the portal acknowledged one.
 */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("1.1.0")
package org.printscout.report;
