package org.printscout.api.snmp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.TreeSet;

import org.junit.jupiter.api.Test;

class OidTest {

    @Test
    void parsesDottedNotationWithOrWithoutALeadingDotAndPrintsItBack() {
        assertEquals("1.3.6.1.2.1.1.1.0", Oid.parse(".1.3.6.1.2.1.1.1.0").toString());
        assertEquals(Oid.of(1, 3, 6), Oid.parse(" 1.3.6 "));
        assertEquals("1.3.4294967295", Oid.parse("1.3.4294967295").toString(), "arcs are unsigned 32-bit");
    }

    @Test
    void refusesWhatIsNotAnOidNamingTheArc() {
        assertEquals("empty OID", assertThrows(IllegalArgumentException.class, () -> Oid.parse(".")).getMessage());
        assertEquals("not an OID: '1.3..6' (arc 3)", assertThrows(IllegalArgumentException.class, () -> Oid.parse("1.3..6")).getMessage());
        assertThrows(IllegalArgumentException.class, () -> Oid.parse("1.3.4294967296"));
        assertThrows(IllegalArgumentException.class, () -> Oid.parse("1.3.-1"));
        assertThrows(IllegalArgumentException.class, () -> Oid.parse("1.3.six"));
    }

    @Test
    void ordersLexicographicallyWithUnsignedArcsAsAWalkDoes() {
        TreeSet<Oid> sorted = new TreeSet<>(List.of(Oid.parse("1.3.6.1.2"), Oid.parse("1.3.6.1.10"), Oid.parse("1.3.6.1"),
                Oid.parse("1.3.6.1.4294967295"), Oid.parse("1.3.6.1.2.1")));
        assertEquals("[1.3.6.1, 1.3.6.1.2, 1.3.6.1.2.1, 1.3.6.1.10, 1.3.6.1.4294967295]", sorted.toString());
    }

    @Test
    void prefixesSuffixesAndTheEndOfASubtree() {
        Oid column = Oid.parse("1.3.6.1.2.1.43.11.1.1.9");
        Oid cell = column.append(1, 3);
        assertTrue(cell.startsWith(column));
        assertFalse(column.startsWith(cell));
        assertEquals(Oid.of(1, 3), cell.suffixAfter(column));
        assertThrows(IllegalArgumentException.class, () -> column.suffixAfter(cell));
        assertEquals(Oid.parse("1.3.6.1.2.1.43.11.1.1.10"), column.subtreeEnd());
        assertTrue(cell.compareTo(column.subtreeEnd()) < 0, "every OID of the subtree is before its end");
        assertEquals(Oid.parse("1.4"), Oid.parse("1.3.4294967295").subtreeEnd(), "the last arc carries over");
    }
}
