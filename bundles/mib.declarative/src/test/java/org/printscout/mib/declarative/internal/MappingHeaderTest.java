package org.printscout.mib.declarative.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;

import org.junit.jupiter.api.Test;

class MappingHeaderTest {

    @Test
    void clausesAreDirectoryAndFilePattern() {
        assertEquals(List.of(new MappingHeader.Entries("mappings", "*.xml"),
                        new MappingHeader.Entries("OSGI-INF/mappings", "zebra.xml"),
                        new MappingHeader.Entries("/", "top.xml")),
                MappingHeader.parse(" mappings/*.xml , /OSGI-INF/mappings/zebra.xml;x=y,top.xml,"));
    }
}
