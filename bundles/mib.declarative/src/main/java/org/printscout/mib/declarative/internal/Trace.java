package org.printscout.mib.declarative.internal;

/**
 * What each rule of a mapping did with a snapshot. The agent ignores it; scout:mapping-test prints
 * it, so a dealer sees why a field stayed empty.
 */
interface Trace {

    Trace NONE = new Trace() {
        @Override
        public void produced(String target, String value, String from) {
        }

        @Override
        public void missing(String target, String reason) {
        }
    };

    /** {@code target} ("serialNumber", "meter total", "supplies") got {@code value}, read from {@code from}. */
    void produced(String target, String value, String from);

    /** {@code target} got nothing, because of {@code reason}. */
    void missing(String target, String reason);
}
