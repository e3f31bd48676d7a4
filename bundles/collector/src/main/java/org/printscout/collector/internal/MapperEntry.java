package org.printscout.collector.internal;

import java.util.Map;

import org.printscout.api.mapper.Claims;
import org.printscout.api.mapper.DeviceFacts;
import org.printscout.api.mapper.Mapper;
import org.printscout.api.mapper.MapperClaims;

/**
 * A registered mapper with its claims read from its service properties once, at registration.
 */
record MapperEntry(Mapper mapper, String name, int rank, long serviceId, String bundle, Claims claims) {

    /** Reads the claims; a malformed claim makes the whole mapper unusable rather than universal. */
    static MapperEntry of(Mapper mapper, Map<String, Object> props) {
        Object nameProp = props.get(MapperClaims.NAME);
        long serviceId = ((Number) props.getOrDefault("service.id", 0L)).longValue();
        String bundle = String.valueOf(props.getOrDefault("service.bundleid", "?"));
        String name = nameProp == null ? mapper.getClass().getName() : nameProp.toString();
        int rank;
        try {
            rank = integer(props.getOrDefault(MapperClaims.RANK, 0));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("mapper '" + name + "': " + MapperClaims.RANK + " is not a number");
        }
        try {
            return new MapperEntry(mapper, name, rank, serviceId, bundle, Claims.fromProperties(props));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("mapper '" + name + "': " + e.getMessage(), e);
        }
    }

    /** A mapper that claims nothing applies to every device, and is planned before the device is known. */
    boolean universal() {
        return claims.isEmpty();
    }

    boolean claims(DeviceFacts facts) {
        return universal() || claims.matches(facts);
    }

    private static int integer(Object value) {
        return value instanceof Number n ? n.intValue() : Integer.parseInt(value.toString().strip());
    }
}
