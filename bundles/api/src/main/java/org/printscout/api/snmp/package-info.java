/**
 * SNMP values, snapshots, credentials and the read-only {@link org.printscout.api.snmp.SnmpReader}
 * service.
 */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("1.1.0")
package org.printscout.api.snmp;
