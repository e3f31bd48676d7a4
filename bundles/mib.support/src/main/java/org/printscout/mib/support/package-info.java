/**
 * Helpers shared by the vendor mappers. Not an API: each vendor bundle embeds this package
 * privately (bnd {@code -conditionalpackage}), so it is neither exported nor versioned.
 */
package org.printscout.mib.support;
