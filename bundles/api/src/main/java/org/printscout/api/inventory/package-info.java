/** The devices the agent knows, with their last readings. */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("1.0.0")
package org.printscout.api.inventory;
