package org.printscout.mib.declarative.internal;

import java.util.Map;

import org.printscout.api.mapper.Mapper;

/** Registers mapper services; a BundleContext in the agent, a fake in tests. */
interface ServicePublisher {

    Registration publish(Mapper mapper, Map<String, Object> properties);

    /** One registered service. */
    interface Registration {
        void unregister();
    }
}
