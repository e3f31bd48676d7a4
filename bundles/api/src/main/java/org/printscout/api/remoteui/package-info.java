/** What the remote web UI needs from the rest of the agent. */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("1.0.0")
package org.printscout.api.remoteui;
