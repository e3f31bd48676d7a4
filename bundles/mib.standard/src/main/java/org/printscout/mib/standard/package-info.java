/**
 * The standard mapper for use outside a framework (offline replays, the vendor mappers' test
 * support): one factory, so nothing outside this bundle reaches into its internal package. In a
 * running agent the mapper is a DS component found through the whiteboard.
 */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("1.0.0")
package org.printscout.mib.standard;
