/** The mapper seam: how vendor plugins turn SNMP snapshots into readings. */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("1.2.0")
package org.printscout.api.mapper;
