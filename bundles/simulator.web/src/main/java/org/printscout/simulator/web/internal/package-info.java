/** The simulated printers' web pages: internal, nothing exported. */
package org.printscout.simulator.web.internal;
