package org.printscout.mib.declarative.internal;

import java.util.function.Consumer;

import org.osgi.service.log.Logger;

/** Where the extender's messages go: the OSGi log in the agent, a list in tests. */
record MappingLog(Consumer<String> info, Consumer<String> warn, Consumer<String> error) {

    static MappingLog of(Logger logger) {
        return new MappingLog(logger::info, logger::warn, logger::error);
    }
}
