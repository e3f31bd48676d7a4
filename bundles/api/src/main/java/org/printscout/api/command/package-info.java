/** Remote commands queued on the portal and the handlers that run them. */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("1.0.0")
package org.printscout.api.command;
