/**
 * An SNMP printer simulator for tests, benchmarks and the demo: many devices, each replaying a
 * {@code .snmprec} recording on its own loopback address and port, with fault injection and traffic
 * counters. Start one with {@link org.printscout.simulator.Simulator#builder()}.
 */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("1.2.0")
package org.printscout.simulator;
