/**
 * Configuration values checked against the metatype of the component they configure, before any of
 * them reaches ConfigAdmin: the one place where the agent decides whether a value is acceptable,
 * used by {@code scout:config} and by the site configuration the portal sends.
 */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("1.0.0")
package org.printscout.api.config;
