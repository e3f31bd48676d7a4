package org.printscout.mib.declarative.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.printscout.api.mapper.MapperClaims;

class MappingRegistryTest {

    private final FakePublisher services = new FakePublisher();
    private final MappingRegistry registry = new MappingRegistry(TestFiles.READER, services, services.log());

    static byte[] mapping(String name, String model) {
        return ("<mapping xmlns=\"https://printscout.org/ns/mapping/1\" name=\"" + name + "\">\n"
                + "<devices><enterprise>64999</enterprise></devices>\n"
                + "<identity field=\"model\" default=\"" + model + "\"/>\n"
                + "</mapping>\n").getBytes(StandardCharsets.UTF_8);
    }

    static final byte[] BROKEN = "<mapping xmlns=\"https://printscout.org/ns/mapping/1\" name=\"x\">\n<devices>\n"
            .getBytes(StandardCharsets.UTF_8);

    @Test
    void aGoodFileBecomesOneMapperServiceWithItsClaimsAndSource() {
        assertTrue(registry.install("deploy/acme.mapping.xml", mapping("acme", "LP")));
        assertEquals(List.of("acme"), services.names());
        var props = services.registered.get(0).properties();
        assertEquals(150, props.get(MapperClaims.RANK));
        assertEquals(List.of(64999), List.of((Integer[]) props.get(MapperClaims.ENTERPRISE)));
        assertEquals("deploy/acme.mapping.xml", props.get(MappingRegistry.SOURCE_PROPERTY));
        assertTrue(services.logged.get(0).startsWith("INFO mapping 'acme' (rank 150) from deploy/acme.mapping.xml registered"),
                services.logged::toString);
    }

    @Test
    void anUpdateReplacesTheMapperWithoutAGap() {
        registry.install("deploy/acme.mapping.xml", mapping("acme", "LP"));
        registry.install("deploy/acme.mapping.xml", mapping("acme", "LP 2"));
        assertEquals(List.of("register acme", "register acme", "unregister acme"), services.events);
        assertEquals("LP 2", registry.installed().get("deploy/acme.mapping.xml").identity().get(0).defaultValue());
    }

    @Test
    void aBadFileRegistersNothingAndIsLoggedWithFileAndLine() {
        assertFalse(registry.install("deploy/broken.mapping.xml", BROKEN));
        assertTrue(services.registered.isEmpty());
        assertTrue(services.errors().contains("deploy/broken.mapping.xml:3"), services.errors());
    }

    @Test
    void anUpdateThatTurnsBadUnregistersTheOldMapper() {
        registry.install("deploy/acme.mapping.xml", mapping("acme", "LP"));
        assertFalse(registry.install("deploy/acme.mapping.xml", BROKEN));
        assertTrue(services.registered.isEmpty());
        assertTrue(services.errors().contains("mapping 'acme' from deploy/acme.mapping.xml unregistered"), services.errors());
        assertTrue(registry.install("deploy/acme.mapping.xml", mapping("acme", "LP")), "fixing the file brings it back");
    }

    @Test
    void otherMappingsKeepWorkingWhenOneIsBad() {
        registry.install("deploy/a.mapping.xml", mapping("a", "A"));
        registry.install("deploy/b.mapping.xml", BROKEN);
        registry.install("deploy/c.mapping.xml", mapping("c", "C"));
        assertEquals(List.of("a", "c"), services.names());
    }

    @Test
    void aNameUsedByAnotherSourceIsRefused() {
        registry.install("deploy/a.mapping.xml", mapping("acme", "A"));
        assertFalse(registry.install("bundle org.acme 1.0.0 [12] /mappings/acme.xml", mapping("acme", "B")));
        assertEquals(List.of("acme"), services.names());
        assertTrue(services.errors().contains("already used by deploy/a.mapping.xml"), services.errors());
    }

    @Test
    void uninstallAndCloseUnregister() {
        registry.install("deploy/a.mapping.xml", mapping("a", "A"));
        registry.install("deploy/b.mapping.xml", mapping("b", "B"));
        registry.uninstall("deploy/a.mapping.xml");
        registry.uninstall("deploy/never-installed.mapping.xml");
        assertEquals(List.of("b"), services.names());
        registry.close();
        assertTrue(services.registered.isEmpty());
        assertTrue(registry.sources().isEmpty());
    }
}
