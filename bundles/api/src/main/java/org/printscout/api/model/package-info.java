/**
 * The reading data model: device identity, status, alerts, meters and supplies, as the agent
 * reports them.
 */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("1.1.0")
package org.printscout.api.model;
