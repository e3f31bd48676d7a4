package org.printscout.mib.declarative.internal;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.printscout.api.mapper.Mapper;
import org.printscout.api.mapper.MapperClaims;

/** The service registry as the registry's tests see it: what is registered now, and a log of events. */
final class FakePublisher implements ServicePublisher {

    /** A registered service. */
    record Service(Mapper mapper, Map<String, Object> properties) {
        String name() {
            return (String) properties.get(MapperClaims.NAME);
        }
    }

    final List<Service> registered = new ArrayList<>();
    final List<String> events = new ArrayList<>();
    final List<String> logged = new ArrayList<>();

    MappingLog log() {
        return new MappingLog(m -> logged.add("INFO " + m), m -> logged.add("WARN " + m), m -> logged.add("ERROR " + m));
    }

    @Override
    public Registration publish(Mapper mapper, Map<String, Object> properties) {
        Service service = new Service(mapper, new LinkedHashMap<>(properties));
        registered.add(service);
        events.add("register " + service.name());
        return () -> {
            if (!registered.remove(service)) {
                throw new IllegalStateException("unregistered twice");
            }
            events.add("unregister " + service.name());
        };
    }

    List<String> names() {
        return registered.stream().map(Service::name).toList();
    }

    String errors() {
        return String.join("\n", logged.stream().filter(l -> l.startsWith("ERROR")).toList());
    }
}
