package org.printscout.mib.declarative.internal;

import java.util.Hashtable;
import java.util.Map;

import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;
import org.printscout.api.mapper.Mapper;

/**
 * Registers mapper services with this bundle's context. Also for mappings carried by other bundles:
 * the carrying bundle need not import the mapper API, and the service property
 * {@value MappingRegistry#SOURCE_PROPERTY} says where each mapping came from.
 */
final class BundleContextPublisher implements ServicePublisher {

    private final BundleContext context;

    BundleContextPublisher(BundleContext context) {
        this.context = context;
    }

    @Override
    public Registration publish(Mapper mapper, Map<String, Object> properties) {
        ServiceRegistration<Mapper> registration = context.registerService(Mapper.class, mapper, new Hashtable<>(properties));
        return () -> {
            try {
                registration.unregister();
            } catch (IllegalStateException alreadyGone) {
                // the framework unregisters everything when this bundle stops; nothing left to do
            }
        };
    }
}
