/**
 * Remote commands queued on the portal, the handlers that run them, and the queue and workspace
 * services the dispatcher uses. The codes of the seed commands are in {@link org.printscout.api.command.CommandCodes};
 * the whole contract is described in docs/commands.md.
 */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("1.1.0")
package org.printscout.api.command;
