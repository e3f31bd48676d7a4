/** Sections of {@code scout:status} contributed by the bundles that know them (a whiteboard). */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("1.0.0")
package org.printscout.api.status;
